//! The shared look: palette, type scale, fonts, and widgets every screen uses.

pub use crate::i18n;
pub mod art;
pub mod grain;
pub mod keycap;
pub mod map;
pub mod motion;
pub mod phone;
pub mod probe;
pub mod reject;
pub mod room;
pub mod stage;
mod theme;

use bevy_egui::egui::{self, Color32, RichText};
use std::sync::Arc;
pub use theme::{
    Drawn, amber, apply_theme, blue, dim, found, green, high_contrast, ink, paper, paper_of,
    phone_bg, phone_text, red, select, warn,
};

/// Korean-capable font (NanumGothic, SIL OFL 1.1), subset to the characters the game
/// uses (`tools/subset-font.sh` regenerates it).
pub const FONT: &[u8] = include_bytes!("../../assets/fonts/NanumGothic-subset.ttf");

/// The headings' printed face: NanumMyeongjo Bold (the same family and licence), cut to the
/// same characters; a glyph it lacks falls back to [`FONT`].
pub const HEADING_FONT: &[u8] = include_bytes!("../../assets/fonts/NanumMyeongjoBold-subset.ttf");

/// The family the screens' titles, the game's name and the map's clock are set in.
pub fn heading_family() -> egui::FontFamily {
    egui::FontFamily::Name("heading".into())
}

pub const H1: f32 = 30.0;
pub const H2: f32 = 21.0;
pub const BODY: f32 = 15.0;
pub const SMALL: f32 = 12.5;

/// The symbols NanumGothic lacks (⚠ ✉ ❤ from Noto Emoji, SIL OFL 1.1; 🗑 from egui's
/// emoji-icon-font, MIT), cut to those glyphs by `tools/subset-font.sh`. egui's own default
/// fonts are not compiled in.
pub const SYMBOL_FONTS: [(&str, &[u8]); 2] = [
    (
        "noto-symbols",
        include_bytes!("../../assets/fonts/NotoEmoji-symbols.ttf"),
    ),
    (
        "icon-symbols",
        include_bytes!("../../assets/fonts/emoji-icon-symbols.ttf"),
    ),
];

/// Replaces bevy_egui's shader with one that does its colour conversion per vertex instead
/// of per pixel (`ui/egui.wesl` says why). Call after `EguiPlugin` is added.
pub fn install_egui_shader(app: &mut bevy::prelude::App) {
    use bevy::shader::Shader;
    let shader = Shader::from_wesl(include_str!("egui.wesl"), "haeju-trader/ui/egui.wesl");
    let mut shaders = app
        .world_mut()
        .resource_mut::<bevy::prelude::Assets<Shader>>();
    let _ = shaders.insert(bevy_egui::render::EGUI_SHADER_HANDLE.id(), shader);
}

pub fn setup(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::empty();
    fonts
        .font_data
        .insert("nanum".into(), Arc::new(egui::FontData::from_static(FONT)));
    for (name, data) in SYMBOL_FONTS {
        fonts
            .font_data
            .insert(name.into(), Arc::new(egui::FontData::from_static(data)));
    }
    fonts.font_data.insert(
        "heading".into(),
        Arc::new(egui::FontData::from_static(HEADING_FONT)),
    );
    for family in [
        egui::FontFamily::Proportional,
        egui::FontFamily::Monospace,
        heading_family(),
    ] {
        let list = fonts.families.entry(family.clone()).or_default();
        if family == heading_family() {
            list.push("heading".into());
        }
        list.push("nanum".into());
        list.extend(SYMBOL_FONTS.iter().map(|(name, _)| name.to_string()));
    }
    ctx.set_fonts(fonts);
    let mut style = (*ctx.global_style()).clone();
    style.visuals = egui::Visuals::light();
    // (The browser once drew its glyphs with more opaque edges, to make up for light text
    // that came out thin on the phone: that was glyphs added to the font atlas after its
    // first upload, written to the texture as linear colour (issue 30, vendor/README.md).
    // Mended there, the same line has 4 % more ink in the browser than on the desktop, and
    // the extra weight made it 10 %.)
    // The page's paper is the camera's clear colour (`app`): panels add no full-window fill
    // of their own, one pass fewer over every pixel on a software renderer.
    style.visuals.panel_fill = Color32::TRANSPARENT;
    theme::apply_theme_to(&mut style.visuals, high_contrast(ctx));
    style.spacing.item_spacing = egui::vec2(8.0, 6.0);
    // Words are read, not selected: a drag or a click on a line of text does nothing (and
    // text is then never mistaken for a choice).
    style.interaction.selectable_labels = false;
    // Scroll bars that keep their own room and always show: egui's floating ones lie over
    // the text's last letters and hide until the pointer comes near (no pointer, no cue).
    style.spacing.scroll = egui::style::ScrollStyle::solid();
    // A handle in the widgets' ink, not in the page's near-white fill (on the paper it all but
    // vanished: "the ledger is cut and the scroll bar almost invisible").
    style.spacing.scroll.foreground_color = true;
    style.spacing.button_padding = egui::vec2(10.0, 5.0);
    for (ts, size) in [
        (egui::TextStyle::Heading, H2),
        (egui::TextStyle::Body, BODY),
        (egui::TextStyle::Button, BODY),
        (egui::TextStyle::Small, SMALL),
        (egui::TextStyle::Monospace, BODY),
    ] {
        style
            .text_styles
            .insert(ts, egui::FontId::proportional(size));
    }
    ctx.set_global_style(style);
}

/// The game's fonts and look, given to each egui context before its first pass: egui's
/// own default fonts are not compiled in, so no text may be laid out before these are set.
pub fn fonts(app: &mut bevy::prelude::App) {
    use bevy::prelude::IntoScheduleConfigs;
    app.add_systems(
        bevy::prelude::PreUpdate,
        install_fonts
            .after(bevy_egui::EguiPreUpdateSet::InitContexts)
            .before(bevy_egui::EguiPreUpdateSet::BeginPass),
    );
}

fn install_fonts(
    mut contexts: bevy::prelude::Query<
        &mut bevy_egui::EguiContext,
        bevy::prelude::Added<bevy_egui::EguiContext>,
    >,
) {
    for mut ctx in &mut contexts {
        setup(ctx.get_mut());
    }
}

/// The screen's title (a level-1 heading for a screen reader).
pub fn heading(ui: &mut egui::Ui, text: &str) {
    let r = ui.label(RichText::new(text).size(H1).family(heading_family()));
    crate::access::heading(&r, 1);
}

/// A section's title (a level-2 heading).
pub fn subheading(ui: &mut egui::Ui, text: &str) {
    let r = ui.label(RichText::new(text).size(H2).family(heading_family()));
    crate::access::heading(&r, 2);
}

/// A button labelled with its key; true when clicked or when the key is pressed (and no
/// text field has the keyboard).
pub fn key_button(ui: &mut egui::Ui, key: egui::Key, text: &str) -> bool {
    key_button_enabled(ui, key, text, true)
}

pub fn key_button_enabled(ui: &mut egui::Ui, key: egui::Key, text: &str, enabled: bool) -> bool {
    key_button_named(ui, key, text, enabled, None)
}

/// A key button whose name for a screen reader says more than its text (`[1] Buy` in the
/// rice row is "[1] Buy rice").
pub fn key_button_named(
    ui: &mut egui::Ui,
    key: egui::Key,
    text: &str,
    enabled: bool,
    name: Option<&str>,
) -> bool {
    let name_of_key = key_name(ui.ctx(), key);
    // One under another, a long choice wraps inside the window (at a large UI scale the
    // repair stall's offer ran past the side); in a row, a button keeps its one line.
    let wrap = !ui.layout().main_dir().is_horizontal();
    // (As a widget, not in a child ui: a child of a wrapping row starts a row of its own, and
    // a long button ran past the page's side instead of going to the next row.)
    let r = ui.add_enabled(enabled, |ui: &mut egui::Ui| {
        keycap::button(ui, &name_of_key, text, None, None, |b| {
            if wrap {
                b.wrap()
            } else {
                b.wrap_mode(egui::TextWrapMode::Extend)
            }
        })
    });
    answered(ui, &r, key, enabled, name)
}

/// [`key_button`] with `icon` drawn between its key and its words (the stop's answers: the
/// phone held out, words, banknotes, a raised hand).
pub fn key_button_icon(ui: &mut egui::Ui, key: egui::Key, text: &str, icon: keycap::Icon) -> bool {
    let name_of_key = key_name(ui.ctx(), key);
    let size = egui::TextStyle::Button.resolve(ui.style()).size;
    let r = keycap::button_with(ui, &name_of_key, text, size, None, Some(icon), |b| {
        b.wrap_mode(egui::TextWrapMode::Extend)
    });
    answered(ui, &r, key, true, None)
}

/// The shadow of paper laid on the page or on a picture (a note, a price tag): `offset` down
/// and right, `blur` wide, `alpha` dark.
pub fn paper_shadow(offset: [i8; 2], blur: u8, alpha: u8) -> egui::Shadow {
    egui::Shadow {
        offset,
        blur,
        spread: 0,
        color: egui::Color32::from_black_alpha(alpha),
    }
}

/// A key button `width` wide with a sum at its right end (a tag's "[1] Buy    ₩5,732"), named
/// for a screen reader as `[key] name`; true when clicked or its key pressed.
pub fn key_button_sum(
    ui: &mut egui::Ui,
    key: egui::Key,
    text: &str,
    sum: Option<&str>,
    name: &str,
    width: f32,
) -> bool {
    let name_of_key = key_name(ui.ctx(), key);
    let r = keycap::button(ui, &name_of_key, text, None, None, |b| {
        let b = b
            .min_size(egui::vec2(width, 0.0))
            .wrap_mode(egui::TextWrapMode::Extend);
        match sum {
            Some(sum) => b.right_text(RichText::new(sum).size(SMALL)),
            None => b,
        }
    });
    answered(ui, &r, key, true, Some(name))
}

/// A key button's answer: clicked, or its key pressed while it is enabled (the button
/// named for a screen reader as `[key] name` where a name is given).
fn answered(
    ui: &egui::Ui,
    r: &egui::Response,
    key: egui::Key,
    enabled: bool,
    name: Option<&str>,
) -> bool {
    if let Some(name) = name {
        crate::access::name(
            r,
            egui::WidgetType::Button,
            &format!("[{}] {name}", key_name(ui.ctx(), key)),
        );
    }
    let clicked = r.clicked();
    if clicked {
        // A clicked button keeps no keyboard focus: else Enter or Space would press it
        // again (Space also closes fact cards; Enter is each screen's own key).
        r.surrender_focus();
    }
    let pressed = enabled && pressed(ui.ctx(), key);
    clicked || pressed
}

/// The game's key is pressed (the player's own key for it, if they chose one), and no text
/// field or key change holds the keyboard.
pub fn pressed(ctx: &egui::Context, key: egui::Key) -> bool {
    // (The key is looked up before the input is: egui's context is not to be read inside
    // its own reading.)
    let key = keys::bound(ctx, key);
    !ctx.egui_wants_keyboard_input() && !keys::capturing(ctx) && ctx.input(|i| i.key_pressed(key))
}

/// The name of the key that does what `key` does by default: the player's key, if changed.
pub fn key_name(ctx: &egui::Context, key: egui::Key) -> String {
    keys::name(keys::bound(ctx, key))
}

pub fn digit(n: usize) -> egui::Key {
    use egui::Key::*;
    [Num0, Num1, Num2, Num3, Num4, Num5, Num6, Num7, Num8, Num9][n.min(9)]
}

/// A full-window panel to draw a screen on.
pub fn root(ctx: &egui::Context) -> egui::Ui {
    egui::Ui::new(
        ctx.clone(),
        "root".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    )
}

/// The player's own keys (issue 16): a key the game uses by default, and the one the player
/// chose for it in Settings. Every key check and every button's key label goes through
/// [`bound`], so a change shows and works everywhere at once. (Kept in egui's context, where
/// every key check looks: no process-wide state.)
pub mod keys {
    use super::egui::{self, Id, Key};
    use std::sync::Arc;

    fn map_id() -> Id {
        Id::new("haeju-trader keys: the player's map")
    }

    fn capture_id() -> Id {
        Id::new("haeju-trader keys: capturing")
    }

    /// What the player may rebind: the keys that work on every screen (the letters and
    /// digits of each screen's choices follow their buttons). With the i18n key of what
    /// each does.
    pub const REBINDABLE: [(Key, &str); 9] = [
        (Key::Enter, "keys.enter"),
        (Key::Escape, "keys.escape"),
        (Key::Space, "keys.space"),
        (Key::Delete, "keys.delete"),
        (Key::F7, "keys.phone_home"),
        (Key::F8, "keys.settings"),
        (Key::F9, "keys.language"),
        (Key::F10, "keys.smaller"),
        (Key::F11, "keys.larger"),
    ];

    /// Every key the game reads somewhere (a new key may not be one of them).
    pub const USED: [Key; 61] = [
        Key::Escape,
        Key::ArrowLeft,
        Key::ArrowRight,
        Key::Enter,
        Key::Space,
        Key::Delete,
        Key::Insert,
        Key::ArrowUp,
        Key::ArrowDown,
        Key::PageUp,
        Key::PageDown,
        Key::Plus,
        Key::Minus,
        Key::Equals,
        Key::Num0,
        Key::Num1,
        Key::Num2,
        Key::Num3,
        Key::Num4,
        Key::Num5,
        Key::Num6,
        Key::Num7,
        Key::Num8,
        Key::Num9,
        Key::A,
        Key::B,
        Key::C,
        Key::D,
        Key::E,
        Key::F,
        Key::G,
        Key::H,
        Key::I,
        Key::J,
        Key::K,
        Key::L,
        Key::M,
        Key::N,
        Key::O,
        Key::P,
        Key::Q,
        Key::R,
        Key::S,
        Key::T,
        Key::U,
        Key::V,
        Key::W,
        Key::X,
        Key::Y,
        Key::Z,
        Key::F1,
        Key::F2,
        Key::F3,
        Key::F4,
        Key::F5,
        Key::F6,
        Key::F7,
        Key::F8,
        Key::F9,
        Key::F10,
        Key::F11,
    ];

    /// A key as a button shows it.
    pub fn name(key: Key) -> String {
        match key {
            Key::Enter => "Enter".into(),
            Key::Escape => "Esc".into(),
            // (The arrows' symbols are not in the game's fonts.)
            Key::ArrowLeft => "Left".into(),
            Key::ArrowRight => "Right".into(),
            Key::ArrowUp => "Up".into(),
            Key::ArrowDown => "Down".into(),
            // egui's symbol is U+2212, which a Korean font lacks ("[?]").
            Key::Minus => "-".into(),
            k => k.symbol_or_name().to_string(),
        }
    }

    pub fn bound(ctx: &egui::Context, key: Key) -> Key {
        ctx.data(|d| d.get_temp::<Arc<Vec<(Key, Key)>>>(map_id()))
            .and_then(|m| m.iter().find(|(from, _)| *from == key).map(|(_, to)| *to))
            .unwrap_or(key)
    }

    /// Sets the player's keys (pairs of names, as kept in the settings); names that are not
    /// keys are left out.
    pub fn set(ctx: &egui::Context, pairs: &[(String, String)]) {
        let map: Vec<(Key, Key)> = pairs
            .iter()
            .filter_map(|(a, b)| Some((Key::from_name(a)?, Key::from_name(b)?)))
            .filter(|(a, b)| a != b)
            .collect();
        let now = ctx.data(|d| d.get_temp::<Arc<Vec<(Key, Key)>>>(map_id()));
        if now.is_none_or(|m| *m != map) {
            ctx.data_mut(|d| d.insert_temp(map_id(), Arc::new(map)));
        }
    }

    /// Whether `to` may become the key for `from`, given the player's other keys: a key the
    /// game already uses for something else, or one chosen for another action, is refused
    /// (the key of an action moved to another key is free again).
    pub fn conflict(pairs: &[(String, String)], from: Key, to: Key) -> Option<Key> {
        let chosen: Vec<(Key, Key)> = pairs
            .iter()
            .filter_map(|(a, b)| Some((Key::from_name(a)?, Key::from_name(b)?)))
            .filter(|(a, _)| *a != from)
            .collect();
        let now = |k: Key| chosen.iter().find(|(a, _)| *a == k).map_or(k, |(_, b)| *b);
        if to == from {
            return None;
        }
        // Another action's key as it now stands.
        USED.iter()
            .copied()
            .filter(|k| *k != from)
            .map(|k| (k, now(k)))
            .find(|(_, b)| *b == to)
            .map(|(a, _)| a)
    }

    /// A key change is waiting for its key: no other key acts meanwhile.
    pub fn capture(ctx: &egui::Context, on: bool) {
        if capturing(ctx) != on {
            ctx.data_mut(|d| d.insert_temp(capture_id(), on));
        }
    }

    pub fn capturing(ctx: &egui::Context) -> bool {
        ctx.data(|d| d.get_temp::<bool>(capture_id()))
            .unwrap_or(false)
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn a_key_in_use_is_refused_and_a_moved_key_is_free_again() {
            let none: Vec<(String, String)> = Vec::new();
            // J is a choice on some screen: refused for Enter.
            assert_eq!(conflict(&none, Key::Enter, Key::J), Some(Key::J));
            // Home is used by nothing: taken.
            assert_eq!(conflict(&none, Key::Enter, Key::Home), None);
            // Escape's key, Enter: refused while Enter does its own job...
            assert_eq!(conflict(&none, Key::Escape, Key::Enter), Some(Key::Enter));
            // ...free once Enter has moved to Home; and Home is then taken.
            let moved = vec![("Enter".to_string(), "Home".to_string())];
            assert_eq!(conflict(&moved, Key::Escape, Key::Enter), None);
            assert_eq!(conflict(&moved, Key::Space, Key::Home), Some(Key::Enter));
        }
    }
}
