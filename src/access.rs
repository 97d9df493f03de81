//! What a screen reader is given, on the desktop and in the browser (issue 16).
//!
//! egui describes every widget it draws (its role, its name in the player's language, its
//! state) as an AccessKit tree. On the desktop Bevy's AccessKit adapter hands that tree to the
//! system's screen reader, and what the reader asks for (press this, focus that) comes back as
//! `bevy::a11y::ActionRequest`s, which bevy_egui does not pass on to egui: [`feed`] does. In the
//! browser there is no adapter at all: [`read`] flattens the same tree into [`Item`]s, and the
//! page (`web/main.js`) mirrors them into the document as real buttons, headings and text,
//! whose presses come back through `access_request`. [`Said`] carries what a player must be
//! told at once (a message arrived, she is stopped, what they found): the page's live region.
//!
//! The same list drives the game by name in tests (`tour --by-label`): what a screen-reader
//! user can find and press, a test can, with nothing read off pixels.

use bevy::prelude::*;
use bevy_egui::{EguiInput, EguiOutput, PrimaryEguiContext, egui};
use egui::accesskit::{self, Action, Role};
use serde::Serialize;
use std::collections::HashMap;

/// One thing on the screen as a screen reader has it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Item {
    /// The AccessKit node, in decimal (a page's numbers cannot hold 64 bits).
    pub id: String,
    /// The page's role for it: button, checkbox, radio, slider, spinbutton, textbox,
    /// heading, img or text.
    pub role: &'static str,
    pub name: String,
    /// A checkbox's or a selectable button's state.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checked: Option<bool>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub disabled: bool,
    /// A heading's level, a slider's or a number field's value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
}

impl Item {
    /// What a reader says for it (and what a transcript shows): "button: [Enter] New game".
    pub fn line(&self) -> String {
        let mut s = format!("{}: {}", self.role, self.name);
        if let Some(c) = self.checked {
            s += if c { " (on)" } else { " (off)" };
        }
        if let Some(v) = self.value {
            s += &format!(" = {v}");
        }
        if self.disabled {
            s += " (unavailable)";
        }
        s
    }

    /// Whether the page can press it.
    pub fn pressable(&self) -> bool {
        matches!(self.role, "button" | "checkbox" | "radio") && !self.disabled
    }
}

/// egui's tree as a flat list in reading order (the order egui drew it), with the id of the
/// focused widget. Panes, windows and scroll areas are looked through, not listed.
pub fn read(update: &accesskit::TreeUpdate) -> (Vec<Item>, Option<String>) {
    let nodes: HashMap<accesskit::NodeId, &accesskit::Node> =
        update.nodes.iter().map(|(id, n)| (*id, n)).collect();
    let mut items = Vec::new();
    let Some(root) = update.tree.as_ref().map(|t| t.root) else {
        return (items, None);
    };
    let mut stack = vec![root];
    while let Some(id) = stack.pop() {
        let Some(node) = nodes.get(&id) else { continue };
        if let Some(item) = item(id, node) {
            items.push(item);
        }
        stack.extend(node.children().iter().rev().copied());
    }
    let focus = (update.focus != root && nodes.contains_key(&update.focus))
        .then(|| update.focus.0.to_string());
    (items, focus)
}

fn item(id: accesskit::NodeId, node: &accesskit::Node) -> Option<Item> {
    let role = match node.role() {
        Role::Button => "button",
        Role::CheckBox => "checkbox",
        Role::RadioButton => "radio",
        Role::Slider => "slider",
        Role::SpinButton => "spinbutton",
        Role::TextInput => "textbox",
        Role::Heading => "heading",
        Role::Image => "img",
        Role::Label | Role::Link => "text",
        _ => return None,
    };
    let name = node
        .label()
        .filter(|l| !l.is_empty())
        .or(node.value())
        .unwrap_or_default()
        .trim()
        .to_string();
    if name.is_empty() && matches!(role, "text" | "heading" | "img") {
        return None;
    }
    let checked = match node.toggled() {
        Some(accesskit::Toggled::True) => Some(true),
        Some(accesskit::Toggled::False) => Some(false),
        _ => None,
    };
    Some(Item {
        id: id.0.to_string(),
        role,
        name,
        checked,
        disabled: node.is_disabled(),
        level: node.level(),
        value: node.numeric_value(),
    })
}

/// Gives a widget a name of its own for a screen reader (when what it shows is not enough:
/// a "[1] Buy" button in the rice row is "[1] Buy rice").
pub fn name(r: &egui::Response, typ: egui::WidgetType, name: &str) {
    let enabled = r.enabled();
    r.widget_info(|| egui::WidgetInfo::labeled(typ, enabled, name));
}

/// Names the window for a screen reader (the game's title: what Orca says as the window
/// comes into focus). egui's tree, which replaces the one Bevy starts with, has a window
/// node of its own without a name.
pub fn name_window(ctx: &egui::Context, title: &str) {
    // (Nothing while no tree is built.)
    ctx.accesskit_node_builder(egui::accesskit_root_id(), |n| n.set_label(title));
}

/// Marks a label as a heading of `level` (1 the screen's title, 2 a section). Its text
/// becomes its name too: egui keeps a label's text as its value, which Linux's AT-SPI
/// adapter reads as a label's name but not as a heading's.
pub fn heading(r: &egui::Response, level: usize) {
    r.ctx.accesskit_node_builder(r.id, |n| {
        n.set_role(Role::Heading);
        n.set_level(level);
        if n.label().is_none_or(str::is_empty)
            && let Some(text) = n.value().map(str::to_string)
        {
            n.set_label(text);
        }
    });
}

/// A heading a screen reader finds but the screen does not show (a screen whose title is
/// its picture, the street's map).
pub fn unseen_heading(ui: &mut egui::Ui, text: &str) {
    let (_, r) = ui.allocate_exact_size(egui::Vec2::ZERO, egui::Sense::hover());
    r.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::Label, true, text));
    heading(&r, 1);
}

/// Describes a drawing (a picture, the map) in words.
pub fn describe(r: &egui::Response, text: &str) {
    name(r, egui::WidgetType::Image, text);
}

/// The screen as a reader has it now.
#[derive(Resource, Default)]
pub struct Shown {
    pub items: Vec<Item>,
    pub focus: Option<String>,
    /// Changed since the page (or a test) last looked.
    pub fresh: bool,
}

impl Shown {
    /// The first item of this role whose name contains `name`.
    pub fn find(&self, role: &str, name: &str) -> Option<&Item> {
        self.items
            .iter()
            .find(|i| i.role == role && i.name.contains(name))
    }
}

/// What to tell the player at once, whatever they are reading (the page's live region).
#[derive(Resource, Default)]
pub struct Said {
    pub queue: Vec<String>,
    /// What each kind of news last said: said again only when it changes.
    last: HashMap<&'static str, String>,
}

impl Said {
    pub fn say(&mut self, text: impl Into<String>) {
        let t = text.into();
        if !t.is_empty() {
            self.queue.push(t);
        }
    }

    /// Says `text` if it differs from what `kind` said last (a screen drawn each frame
    /// keeps telling, the player hears it once); empty forgets it.
    /// Whether [`Said::keep`] would say `text` (looked at without changing anything).
    pub fn is_news(&self, kind: &str, text: &str) -> bool {
        self.last.get(kind).map(String::as_str) != Some(text)
    }

    pub fn keep(&mut self, kind: &'static str, text: &str) {
        if self.last.get(kind).map(String::as_str) == Some(text) {
            return;
        }
        self.last.insert(kind, text.to_string());
        self.say(text);
    }
}

impl Said {
    /// Forgets what these kinds said last: the next stop is told even if it reads the same.
    pub fn forget(&mut self, kinds: &[&str]) {
        self.last.retain(|k, _| !kinds.contains(k));
    }
}

/// Presses and focus asked for by the page, a test or the desktop's screen reader, for the
/// next frame.
#[derive(Resource, Default)]
pub struct Asked(pub Vec<(u64, Action)>);

/// Whether egui builds its tree when no desktop screen reader asked for it: always in the
/// browser (the page mirrors it), and for a run driven by name.
#[derive(Resource, Clone, Copy)]
pub struct Mirror(pub bool);

pub fn plugin(app: &mut App) {
    app.init_resource::<Shown>()
        .init_resource::<Said>()
        .init_resource::<Asked>()
        .insert_resource(Mirror(crate::platform::BROWSER))
        .add_systems(
            PreUpdate,
            feed.after(bevy_egui::EguiPreUpdateSet::ProcessInput)
                .before(bevy_egui::EguiPreUpdateSet::BeginPass),
        )
        .add_systems(
            PostUpdate,
            look.after(bevy_egui::EguiPostUpdateSet::ProcessOutput),
        );
    if crate::platform::BROWSER {
        app.add_systems(Last, tell);
    }
}

/// Hands what was asked for to egui, as AccessKit action requests on this frame's input.
fn feed(
    mut asked: ResMut<Asked>,
    mut reader: MessageReader<bevy::a11y::ActionRequest>,
    mut input: Query<&mut EguiInput, With<PrimaryEguiContext>>,
    mut contexts: Query<&mut bevy_egui::EguiContext, With<PrimaryEguiContext>>,
    mirror: Res<Mirror>,
    mut enabled: Local<bool>,
) {
    // Once: egui then builds its tree on every frame after.
    if mirror.0
        && !*enabled
        && let Ok(mut c) = contexts.single_mut()
    {
        c.get_mut().enable_accesskit();
        *enabled = true;
    }
    // (Looked at without marking it changed: left alone, the game changes nothing.)
    crate::platform::take_access_requests(&mut asked.bypass_change_detection().0);
    let Ok(mut input) = input.single_mut() else {
        return;
    };
    // A desktop screen reader's requests (none come in the browser, whose page asks above).
    for r in reader.read() {
        input
            .events
            .push(egui::Event::AccessKitActionRequest(r.0.clone()));
    }
    if asked.0.is_empty() {
        return;
    }
    for (node, action) in asked.0.drain(..) {
        input.events.push(egui::Event::AccessKitActionRequest(
            accesskit::ActionRequest {
                action,
                target_tree: accesskit::TreeId::ROOT,
                target_node: accesskit::NodeId(node),
                data: None,
            },
        ));
    }
}

/// Reads the tree egui built this frame, if it built one.
fn look(output: Query<&EguiOutput, With<PrimaryEguiContext>>, mut shown: ResMut<Shown>) {
    let Ok(out) = output.single() else { return };
    let Some(update) = &out.platform_output.accesskit_update else {
        return;
    };
    let (items, focus) = read(update);
    if items != shown.items || focus != shown.focus {
        shown.items = items;
        shown.focus = focus;
        shown.fresh = true;
    }
}

/// Tells the browser page what changed: the screen's items (its copy for a screen reader),
/// what to announce (`platform::page_access`).
fn tell(mut shown: ResMut<Shown>, mut said: ResMut<Said>) {
    if shown.fresh {
        shown.fresh = false;
        #[derive(Serialize)]
        struct Tree<'a> {
            items: &'a [Item],
            focus: &'a Option<String>,
        }
        if let Ok(json) = serde_json::to_string(&Tree {
            items: &shown.items,
            focus: &shown.focus,
        }) {
            crate::platform::page_access("tree", &json);
        }
    }
    for text in said.queue.drain(..) {
        crate::platform::page_access("say", &text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(f: impl FnMut(&mut egui::Ui)) -> Vec<Item> {
        let ctx = egui::Context::default();
        crate::ui::setup(&ctx);
        ctx.enable_accesskit();
        let mut out = ctx.run_ui(egui::RawInput::default(), f);
        out.textures_delta.clear();
        read(&out.platform_output.accesskit_update.expect("a tree")).0
    }

    /// The list a page mirrors: buttons, headings and text in the order drawn, each with its
    /// role and its name; a button given a fuller name for a reader keeps it.
    #[test]
    fn the_tree_reads_as_a_list_of_named_controls_in_order() {
        let items = shown(|ui| {
            let h = ui.label("Morning");
            heading(&h, 1);
            ui.label("She has 12,000 won.");
            let b = ui.button("[1] Buy");
            name(&b, egui::WidgetType::Button, "[1] Buy rice");
            let mut on = true;
            ui.checkbox(&mut on, "Fact cards");
        });
        let lines: Vec<String> = items.iter().map(Item::line).collect();
        assert_eq!(
            lines,
            [
                "heading: Morning",
                "text: She has 12,000 won.",
                "button: [1] Buy rice",
                "checkbox: Fact cards (on)",
            ],
        );
        assert_eq!(items[0].level, Some(1));
        assert!(items[2].pressable() && !items[1].pressable());
    }

    /// A press asked for by id reaches the button as a click, on the next frame (as the page
    /// and the desktop's screen reader send it).
    #[test]
    fn a_press_by_id_clicks_the_button() {
        let ctx = egui::Context::default();
        ctx.enable_accesskit();
        let mut id = None;
        let mut clicked = 0;
        let frame = |events: Vec<egui::Event>, clicked: &mut i32, id: &mut Option<u64>| {
            let input = egui::RawInput {
                events,
                ..Default::default()
            };
            let mut out = ctx.run_ui(input, |ui| {
                let r = ui.button("Go on");
                if r.clicked() {
                    *clicked += 1;
                }
            });
            out.textures_delta.clear();
            let (items, _) = read(&out.platform_output.accesskit_update.unwrap());
            *id = items
                .iter()
                .find(|i| i.name == "Go on")
                .map(|i| i.id.parse().unwrap());
        };
        frame(vec![], &mut clicked, &mut id);
        assert_eq!(clicked, 0);
        let node = id.expect("the button is in the tree");
        frame(
            vec![egui::Event::AccessKitActionRequest(
                accesskit::ActionRequest {
                    action: Action::Click,
                    target_tree: accesskit::TreeId::ROOT,
                    target_node: accesskit::NodeId(node),
                    data: None,
                },
            )],
            &mut clicked,
            &mut id,
        );
        assert_eq!(clicked, 1);
    }

    #[test]
    fn news_is_said_once_until_it_changes() {
        let mut s = Said::default();
        s.keep("stop", "A street team stops her.");
        s.keep("stop", "A street team stops her.");
        s.keep("found", "They found: a South Korean drama.");
        s.keep("stop", "The team lets her go.");
        assert_eq!(
            s.queue,
            [
                "A street team stops her.",
                "They found: a South Korean drama.",
                "The team lets her go."
            ]
        );
    }
}
