//! The facilitator's class view: many session reports (or saves) at once, chosen in the
//! browser's file chooser, dropped on the window, read from the exports folder or named on
//! the command line. Endings, bribes, hungry evenings, what the phones lost and the
//! before/after change, as charts with their numbers written beside them (a screen reader
//! reads the numbers). Projector mode: large text, one chart a page, ← → to step. The
//! figures are `report::Figures`, the same the command line's summary prints.

use super::shared::{Shared, View};

mod pages;
use super::*;
use crate::platform::ClassFiles;
use crate::report::{Class, Figures};
use crate::rules::won;
use crate::ui;
use bevy_egui::egui::{self, Color32, Key, RichText};
use pages::page;

/// The reports loaded (kept while the game runs), the page, projector mode.
#[derive(Resource, Default)]
pub struct ClassRoom {
    pub class: Class,
    pub page: usize,
    pub projector: bool,
    /// The figures for the language they were worked out in (redone when files arrive).
    figures: Option<(crate::rules::Lang, Figures)>,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<ClassRoom>()
        .add_systems(OnEnter(Screen::Class), |mut f: ResMut<ClassFiles>| {
            f.open = true;
        })
        .add_systems(OnExit(Screen::Class), |mut f: ResMut<ClassFiles>| {
            f.open = false;
        })
        .add_systems(
            EguiPrimaryContextPass,
            (receive, draw)
                .chain()
                .in_set(Pass::Screen)
                .run_if(on(Screen::Class)),
        );
}

/// Files that arrived (file chooser, drop, command line) join the class.
fn receive(
    mut room: ResMut<ClassRoom>,
    settings: Res<Settings>,
    tr: Res<crate::i18n::Tr>,
    mut note: ResMut<Note>,
    mut files: ResMut<ClassFiles>,
) {
    if files.arrived.is_empty() {
        return;
    }
    for (name, text) in std::mem::take(&mut files.arrived) {
        room.class.add(&name, &text, settings.prefs.lang, &tr);
    }
    room.figures = None;
    note.set_if_neq(Note(None));
}

/// The pages, in order: endings, bribes, hungry evenings, the phones, before/after, and
/// the files not used (when there are any).
#[derive(Clone, Copy, PartialEq, Debug)]
enum Page {
    Endings,
    Bribes,
    Hungry,
    Deleted,
    Memories,
    /// The before/after change of one question (the n-th answered both times), or the
    /// note that there is none.
    Check(usize),
    /// Every measure of the check with its change, effect size and interval (issue 34).
    Effects,
    NoCheck,
    Skipped,
}

/// One chart a page.
fn pages(room: &ClassRoom) -> Vec<Page> {
    let mut p = vec![
        Page::Endings,
        Page::Bribes,
        Page::Hungry,
        Page::Deleted,
        Page::Memories,
    ];
    let asked = room
        .figures
        .as_ref()
        .map_or(0, |(_, f)| f.change.iter().filter(|c| c.paired > 0).count());
    if asked == 0 {
        p.push(Page::NoCheck);
    }
    p.extend((0..asked).map(Page::Check));
    if asked > 0 {
        p.push(Page::Effects);
    }
    if !room.class.skipped.is_empty() {
        p.push(Page::Skipped);
    }
    p
}

fn draw(mut g: Shared, mut room: ResMut<ClassRoom>, mut files: ResMut<ClassFiles>) -> Result {
    let ctx = g.ctx()?;
    let message = g.message.0.clone();
    let mut chose = Chose::default();
    let mut rootui = ui::root(&ctx);
    egui::CentralPanel::default().show(&mut rootui, |ui| {
        chose = body(ui, &g.view(), &mut room, message.as_deref());
    });
    let mut out: Vec<Do> = chose.back.into_iter().collect();
    // What only the platform does: the handouts' folder, the file chooser.
    if chose.handouts {
        let place = crate::platform::open_handouts();
        out.push(Do::Say(Some(
            g.tf("class.handouts_at", &[("where", place)]),
        )));
    }
    // The summary a facilitator prints or sends: the same as `haeju-trader report FILES`.
    if chose.summary {
        let reports: Vec<crate::report::Report> =
            room.class.reports.iter().map(|(_, r)| r.clone()).collect();
        let md = crate::report::class_summary(&reports, &room.class.skipped, g.lang(), &g.tr);
        let line = match crate::platform::export_summary(&md) {
            Ok(place) => g.tf("class.summary_saved", &[("where", place)]),
            Err(e) => e,
        };
        out.push(Do::Say(Some(line)));
    }
    if chose.open
        && let Some(dir) = crate::platform::request_class_files(&mut files)
    {
        out.push(Do::Say(Some(g.tf("class.no_files", &[("where", dir)]))));
    }
    for d in out {
        g.send(d);
    }
    Ok(())
}

/// What the facilitator chose that the class view cannot do itself.
#[derive(Default, Debug, PartialEq)]
struct Chose {
    /// Back to the title.
    back: Option<Do>,
    /// Open the file chooser (or the exports folder).
    open: bool,
    /// The handouts.
    handouts: bool,
    /// The class's summary written out (Markdown, the figures in plain words first).
    summary: bool,
}

/// The class view: its bar of keys, the counts, and the pages (all of them one under
/// another, or one at a time on the projector). Changes the room (projector, page, files
/// cleared); returns what it cannot do itself. `message`: the message line.
fn body(ui: &mut egui::Ui, g: &View, room: &mut ClassRoom, message: Option<&str>) -> Chose {
    let lang = g.lang();
    if room.figures.as_ref().is_none_or(|(l, _)| *l != lang) {
        let f = room.class.figures(lang, g.tr);
        room.figures = Some((lang, f));
    }
    let list = pages(room);
    room.page = room.page.min(list.len() - 1);
    let big = if room.projector { 1.8 } else { 1.0 };
    ui::heading(ui, &g.t("class.title"));
    if !room.projector {
        ui.label(RichText::new(g.t("class.intro")).color(ui::dim(ui)));
        ui.add_space(4.0);
    }
    let bar = toolbar(ui, g, room, list.len());
    if !room.projector && !crate::platform::BROWSER {
        ui.label(
            RichText::new(g.t("class.drop"))
                .size(ui::SMALL)
                .color(ui::dim(ui)),
        );
    }
    if let Some(m) = message {
        ui.label(RichText::new(m).color(ui::red(ui)));
    }
    let n = room.class.reports.len();
    let mut counts = g.tf("class.loaded", &[("n", n.to_string())]);
    if !room.class.skipped.is_empty() {
        let k = room.class.skipped.len().to_string();
        counts = format!("{counts} · {}", g.tf("class.skipped_n", &[("n", k)]));
    }
    if room.projector {
        let at = [
            ("n", (room.page + 1).to_string()),
            ("total", list.len().to_string()),
        ];
        counts = format!("{counts} · {}", g.tf("class.page", &at));
    }
    ui.label(RichText::new(counts).strong().size(ui::BODY * big));
    ui.separator();
    if n == 0 && room.class.skipped.is_empty() {
        ui.label(RichText::new(g.t("class.none")).size(ui::H2));
    } else if let Some((_, f)) = room.figures.as_ref() {
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                if room.projector {
                    page(g, ui, list[room.page], f, &room.class, big, true);
                } else {
                    for p in &list {
                        page(g, ui, *p, f, &room.class, big, false);
                        ui.add_space(14.0);
                    }
                }
            });
    }
    if bar.toggle {
        room.projector = !room.projector;
    }
    room.page = (room.page as i32 + bar.step).clamp(0, list.len() as i32 - 1) as usize;
    if bar.clear {
        room.class = Class::default();
        room.figures = None;
        room.page = 0;
    }
    bar.chose
}

/// The keys of the class view's bar, as pressed this frame.
#[derive(Default)]
struct BarKeys {
    chose: Chose,
    clear: bool,
    toggle: bool,
    step: i32,
}

/// The bar: back (or out of the projector), open files, clear, handouts, projector, and
/// on the projector ← → (or Page Up and Down) to step through `pages` pages.
fn toolbar(ui: &mut egui::Ui, g: &View, room: &ClassRoom, pages: usize) -> BarKeys {
    let mut b = BarKeys::default();
    ui.horizontal_wrapped(|ui| {
        if ui::key_button(ui, Key::Escape, &g.t("class.back")) {
            if room.projector {
                b.toggle = true;
            } else {
                b.chose.back = Some(Do::Go(Screen::Title));
            }
        }
        if !room.projector {
            let choose = if crate::platform::BROWSER {
                "class.choose"
            } else {
                "class.folder"
            };
            b.chose.open = ui::key_button(ui, Key::O, &g.t(choose));
            b.clear = ui::key_button_enabled(
                ui,
                Key::C,
                &g.t("class.clear"),
                !room.class.reports.is_empty() || !room.class.skipped.is_empty(),
            );
            b.chose.handouts = ui::key_button(ui, Key::H, &g.t("class.handouts"));
            b.chose.summary = ui::key_button_enabled(
                ui,
                Key::S,
                &g.t("class.summary"),
                !room.class.reports.is_empty(),
            );
        }
        let label = if room.projector {
            "class.projector_off"
        } else {
            "class.projector"
        };
        b.toggle |= ui::key_button(ui, Key::P, &g.t(label));
        if room.projector {
            if ui::key_button_enabled(ui, Key::ArrowLeft, &g.t("class.prev"), room.page > 0)
                || ui::pressed(ui.ctx(), Key::PageUp)
            {
                b.step = -1;
            }
            let more = room.page + 1 < pages;
            if ui::key_button_enabled(ui, Key::ArrowRight, &g.t("class.next"), more)
                || ui::pressed(ui.ctx(), Key::PageDown)
            {
                b.step = 1;
            }
        }
    });
    b
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Tr;
    use crate::rules::Lang;
    use crate::screens::shared::{frame, names};

    /// The test fixtures' reports (four games, a file cut short, notes and a future format).
    fn class(tr: &Tr) -> ClassRoom {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reports");
        let mut room = ClassRoom::default();
        let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().collect();
        files.sort_by_key(|e| e.file_name());
        for e in files {
            let text = std::fs::read_to_string(e.path()).unwrap();
            room.class
                .add(&e.file_name().to_string_lossy(), &text, Lang::En, tr);
        }
        room
    }

    /// One frame of the class view with `keys` pressed.
    fn press(room: &mut ClassRoom, lang: Lang, keys: &[Key]) -> (Chose, Vec<String>) {
        let tr = Tr::load();
        let mut st = Settings::default();
        st.prefs.lang = lang;
        let mut chose = Chose::default();
        let out = frame(keys, true, |ui| {
            chose = body(ui, &View::new(&tr, &st, None), room, None);
        });
        (chose, names(&out))
    }

    #[test]
    fn the_class_view_keys_step_the_projector_and_leave() {
        let tr = Tr::load();
        let mut room = class(&tr);
        assert!(room.class.reports.len() >= 3, "the fixtures load");
        let (chose, shown) = press(&mut room, Lang::En, &[]);
        assert_eq!(chose, Chose::default());
        for key in ["[Esc] ", "[O] ", "[C] ", "[H] ", "[P] "] {
            assert!(
                shown.iter().any(|n| n.starts_with(key)),
                "{key} in {shown:?}"
            );
        }
        // P: the projector, a page at a time; → and Page Down step, ← back; Esc leaves it.
        press(&mut room, Lang::En, &[Key::P]);
        assert!(room.projector && room.page == 0);
        press(&mut room, Lang::En, &[Key::ArrowRight]);
        press(&mut room, Lang::Ko, &[Key::PageDown]);
        assert_eq!(room.page, 2);
        press(&mut room, Lang::En, &[Key::ArrowLeft]);
        assert_eq!(room.page, 1);
        let pages = pages(&room).len();
        for _ in 0..pages + 3 {
            press(&mut room, Lang::En, &[Key::ArrowRight]);
        }
        assert_eq!(room.page, pages - 1, "the last page holds");
        let (chose, _) = press(&mut room, Lang::En, &[Key::Escape]);
        assert!(
            !room.projector && chose.back.is_none(),
            "Esc leaves the projector first"
        );
        // Off the projector: Esc back to the title; O and H ask the platform.
        let (chose, _) = press(&mut room, Lang::En, &[Key::Escape]);
        assert_eq!(chose.back, Some(Do::Go(Screen::Title)));
        assert!(press(&mut room, Lang::En, &[Key::O]).0.open);
        assert!(press(&mut room, Lang::En, &[Key::H]).0.handouts);
        // S writes the summary out (the platform's part): only with reports to sum.
        assert!(press(&mut room, Lang::En, &[Key::S]).0.summary);
        // C clears the class: the view says there is none.
        press(&mut room, Lang::En, &[Key::C]);
        assert!(room.class.reports.is_empty() && room.class.skipped.is_empty());
        assert!(!press(&mut room, Lang::En, &[Key::S]).0.summary);
        let (_, shown) = press(&mut room, Lang::En, &[]);
        let none = tr.get(Lang::En, "class.none");
        assert!(shown.iter().any(|n| n == none), "{shown:?}");
    }
}
