//! What a screen's body draws from: plain data, no Bevy. The screen's system builds one from
//! its resources ([`Shared::view`]); a test builds one by hand and draws the body in a
//! windowless egui frame (`frame`, in test builds only), pressing keys and reading what the
//! body chose.

use super::*;

/// The game, the settings and the words of the player's language, as a body reads them.
#[derive(Clone, Copy)]
pub struct View<'a> {
    pub tr: &'a Tr,
    pub settings: &'a Settings,
    pub session: Option<&'a Session>,
}

impl<'a> View<'a> {
    pub fn new(tr: &'a Tr, settings: &'a Settings, session: Option<&'a Session>) -> Self {
        View {
            tr,
            settings,
            session,
        }
    }

    pub fn t(&self, key: &str) -> String {
        self.tr.get(self.settings.prefs.lang, key).to_string()
    }

    pub fn tf(&self, key: &str, args: &[(&str, String)]) -> String {
        self.tr.fmt(self.settings.prefs.lang, key, args)
    }

    pub fn lang(&self) -> Lang {
        self.settings.prefs.lang
    }

    /// Gentle intensity: texts that describe harm name it instead. The game's own
    /// intensity once it has started (chosen on the notice), the facilitator's before.
    pub fn gentle(&self) -> bool {
        match self.session {
            Some(s) => !s.full_intensity(),
            None => self.settings.prefs.intensity == Intensity::Gentle,
        }
    }
}

/// What a screen reader is told at once when it changes, by kind ("stop", "found" …).
pub type News = Vec<(&'static str, String)>;

impl Shared<'_, '_> {
    /// The plain data the screens' bodies draw from.
    pub fn view(&self) -> View<'_> {
        View::new(&self.tr, &self.settings, self.session.as_deref())
    }
}

#[cfg(test)]
/// One windowless egui frame at 1280×720 with the game's fonts and look, the keys `keys`
/// pressed, `body` drawn in the central panel; returns what the frame gave (its output,
/// with the accessibility tree when `access`). For the screens' own tests.
pub fn frame(
    keys: &[egui::Key],
    access: bool,
    body: impl FnMut(&mut egui::Ui),
) -> egui::FullOutput {
    frame_at(keys, access, 1.0, false, 1, body)
}

#[cfg(test)]
/// [`frame`] with Shift held round the keys.
pub fn frame_shift(keys: &[egui::Key], body: impl FnMut(&mut egui::Ui)) -> egui::FullOutput {
    SHIFT.with(|s| s.set(true));
    let out = frame(keys, true, body);
    SHIFT.with(|s| s.set(false));
    out
}

#[cfg(test)]
thread_local! {
    /// Shift is held in this test's frames ([`frame_shift`]).
    static SHIFT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

#[cfg(test)]
/// [`frame`] at the text size `zoom` (the Settings' scale), with the phone's panel at the
/// right as a screen of the day has it when `phone` (its width for that scale, empty), drawn
/// `passes` times (what a screen measures in one frame it uses in the next); the keys are
/// pressed in the last.
pub fn frame_at(
    keys: &[egui::Key],
    access: bool,
    zoom: f32,
    phone: bool,
    passes: usize,
    body: impl FnMut(&mut egui::Ui),
) -> egui::FullOutput {
    frame_in(
        &egui::Context::default(),
        keys,
        access,
        zoom,
        phone,
        passes,
        body,
    )
}

#[cfg(test)]
/// [`frame_at`] in a context kept by the caller (what one frame measured, the next of another
/// screen's state uses: a screen's stages one after another).
pub fn frame_in(
    ctx: &egui::Context,
    keys: &[egui::Key],
    access: bool,
    zoom: f32,
    phone: bool,
    passes: usize,
    mut body: impl FnMut(&mut egui::Ui),
) -> egui::FullOutput {
    let ctx = ctx.clone();
    ui::setup(&ctx);
    ctx.set_zoom_factor(zoom);
    if access {
        ctx.enable_accesskit();
    }
    // A 1280×720 window: at twice the text size, 640×360 points.
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 720.0) / zoom);
    let modifiers = if SHIFT.with(|s| s.get()) {
        egui::Modifiers::SHIFT
    } else {
        egui::Modifiers::NONE
    };
    let raw = |events: Vec<egui::Event>| egui::RawInput {
        screen_rect: Some(screen),
        events,
        ..Default::default()
    };
    // A first pass lays the fonts out (egui's own are not compiled in), as the game's does.
    ctx.run_ui(raw(Vec::new()), |_| {}).textures_delta.clear();
    // (egui follows the modifiers from their events, as the window sends them.)
    let held =
        (modifiers != egui::Modifiers::NONE).then_some(egui::Event::ModifiersChanged(modifiers));
    let events = held
        .into_iter()
        .chain(keys.iter().map(|&key| egui::Event::Key {
            key,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers,
        }))
        .collect();
    // One pass a frame, as the game's are (bevy_egui begins and ends each pass itself; a
    // pass egui asks to discard is drawn on the next frame, not again on this one).
    for _ in 1..passes.max(1) {
        ctx.begin_pass(raw(Vec::new()));
        draw(&ctx, zoom, phone, &mut body);
        ctx.end_pass().textures_delta.clear();
    }
    ctx.begin_pass(raw(events));
    draw(&ctx, zoom, phone, &mut body);
    let mut out = ctx.end_pass();
    out.textures_delta.clear();
    out
}

#[cfg(test)]
/// One pass of a frame: the phone's panel (empty) where asked, the body in the rest.
fn draw(ctx: &egui::Context, zoom: f32, phone: bool, body: &mut impl FnMut(&mut egui::Ui)) {
    let mut root = ui::root(ctx);
    if phone {
        let width = ui::phone::panel_width(root.available_width(), zoom);
        egui::Panel::right("phone")
            .exact_size(width)
            .resizable(false)
            .show(&mut root, |_| {});
    }
    egui::CentralPanel::default().show(&mut root, |ui| body(ui));
}

#[cfg(test)]
/// The accessibility tree's nodes in a frame's output, in order.
fn nodes(out: &egui::FullOutput) -> impl Iterator<Item = &egui::accesskit::Node> {
    out.platform_output
        .accesskit_update
        .iter()
        .flat_map(|u| u.nodes.iter().map(|(_, n)| n))
}

#[cfg(test)]
/// The names of the accessibility tree's nodes in a frame's output, in order (a button's
/// name is its text: "[H] Hand over the phone"; a line of text is its words).
pub fn names(out: &egui::FullOutput) -> Vec<String> {
    nodes(out)
        .filter_map(|n| n.label().or(n.value()).map(str::to_string))
        .collect()
}

#[cfg(test)]
/// The buttons in a frame's output, by name, with the right edge of each in points (where a
/// button past the side of its panel would be found).
pub fn buttons(out: &egui::FullOutput) -> Vec<(String, f64)> {
    nodes(out)
        .filter(|n| n.role() == egui::accesskit::Role::Button)
        .filter_map(|n| Some((n.label()?.to_string(), n.bounds()?.x1)))
        .collect()
}

#[cfg(test)]
/// Every named node in a frame's output with its role and its bounds in points (a picture is
/// an image named for what it shows; a button is named by its text).
pub fn placed(out: &egui::FullOutput) -> Vec<(String, egui::accesskit::Role, egui::Rect)> {
    nodes(out)
        .filter_map(|n| {
            let b = n.bounds()?;
            let rect = egui::Rect::from_min_max(
                egui::pos2(b.x0 as f32, b.y0 as f32),
                egui::pos2(b.x1 as f32, b.y1 as f32),
            );
            Some((n.label()?.to_string(), n.role(), rect))
        })
        .collect()
}

#[cfg(test)]
/// A frame's named nodes (from [`placed`]): the first picture's bounds.
pub fn picture_of(shown: &[(String, egui::accesskit::Role, egui::Rect)]) -> Option<egui::Rect> {
    shown
        .iter()
        .find(|(_, r, _)| *r == egui::accesskit::Role::Image)
        .map(|(_, _, b)| *b)
}

#[cfg(test)]
/// A frame's named nodes (from [`placed`]): the bounds of the first button whose name begins
/// with `prefix` ("[H] ").
pub fn button_of(
    shown: &[(String, egui::accesskit::Role, egui::Rect)],
    prefix: &str,
) -> Option<egui::Rect> {
    shown
        .iter()
        .find(|(n, r, _)| *r == egui::accesskit::Role::Button && n.starts_with(prefix))
        .map(|(_, _, b)| *b)
}
