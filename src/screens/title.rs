//! The title: new game, continue, settings, sources, a save exported or imported, quit.

use super::shared::Shared;
use super::*;
use bevy::input::{keyboard::KeyboardInput, mouse::MouseButtonInput};
use bevy::window::WindowFocused;
use bevy_egui::egui::{self, Key, RichText};

/// Whether a save is there to continue: looked up on arriving here, after an import, and
/// when a key or button is pressed here (the page's file chooser stores a save behind the
/// game's back). It looks; it does not read the save.
#[derive(Resource, Default, PartialEq)]
struct TitleState {
    saved: bool,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<TitleState>()
        .add_systems(OnEnter(Screen::Title), look_for_save)
        .add_systems(
            Update,
            look_for_save.run_if(
                in_state(Screen::Title).and_then(
                    on_message::<WindowFocused>
                        .or_else(on_message::<crate::platform::Imported>)
                        .or_else(on_message::<KeyboardInput>)
                        .or_else(on_message::<MouseButtonInput>),
                ),
            ),
        )
        .add_systems(
            EguiPrimaryContextPass,
            draw.in_set(Pass::Screen).run_if(on(Screen::Title)),
        );
}

fn look_for_save(mut st: ResMut<TitleState>) {
    st.set_if_neq(TitleState {
        saved: crate::platform::has_save(),
    });
}

/// A centered column of at most `width`; `wrap()` inside makes its long texts wrap.
pub(super) fn centered(root: &mut egui::Ui, width: f32, add: impl FnOnce(&mut egui::Ui)) {
    egui::CentralPanel::default().show(root, |ui| {
        // At a large text size the column is the window's width, its text wraps, and the
        // page scrolls rather than losing its ends.
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.vertical_centered(|ui| {
                    ui.set_max_width(width.min(ui.available_width() - 16.0));
                    ui.add_space(36.0);
                    add(ui);
                });
            });
    });
}

fn draw(mut g: Shared, st: Res<TitleState>) -> Result {
    let ctx = g.ctx()?;
    let mut root = crate::ui::root(&ctx);
    let saved = st.saved;
    let mut choice = None;
    centered(&mut root, 640.0, |ui| {
        ui.label(RichText::new(g.t("game.title")).size(48.0).strong());
        ui.label(
            RichText::new(g.t("game.tagline"))
                .size(crate::ui::H2)
                .color(crate::ui::dim(ui)),
        );
        ui.add_space(30.0);
        for (key, label, enabled, c) in [
            (Key::N, "title.new", true, Some(Do::Go(Screen::Levels))),
            (Key::C, "title.continue", saved, Some(Do::Continue)),
            (
                Key::S,
                "title.settings",
                true,
                Some(Do::Open(Overlay::Settings)),
            ),
            (
                Key::F,
                "title.sources",
                true,
                Some(Do::Open(Overlay::Sources)),
            ),
            (Key::V, "class.open", true, Some(Do::Go(Screen::Class))),
        ] {
            if crate::ui::key_button_enabled(ui, key, &g.t(label), enabled) {
                choice = c;
            }
        }
        ui.horizontal(|ui| {
            ui.add_space((ui.available_width() - 330.0).max(0.0) / 2.0);
            if crate::ui::key_button_enabled(ui, Key::E, &g.t("title.export"), saved) {
                choice = Some(Do::Say(Some(export(&g))));
            }
            if crate::ui::key_button(ui, Key::I, &g.t("title.import")) {
                choice = crate::platform::request_import()
                    .err()
                    .map(|e| Do::Say(Some(e)));
            }
        });
        if crate::ui::key_button(ui, Key::Q, &g.t("title.quit")) {
            choice = Some(Do::Quit);
        }
        ui.add_space(24.0);
        ui.label(RichText::new(g.t("title.keys")).color(crate::ui::dim(ui)));
        if let Some(m) = &g.message.0 {
            ui.add_space(16.0);
            ui.label(RichText::new(m).color(crate::ui::red(ui)));
        }
    });
    if let Some(c) = choice {
        g.send(c);
    }
    Ok(())
}

/// The save offered as a file; the line says where it went.
fn export(g: &Shared) -> String {
    match crate::platform::read() {
        Ok(Some(save)) => match crate::platform::export_save(&save) {
            Ok(to) => format!("{}: {to}", g.t("title.exported")),
            Err(e) => e,
        },
        Ok(None) => g.t("title.no_save"),
        Err(e) => e,
    }
}

/// Long texts in a centered column wrap (a centered layout would let them run off both
/// edges at a large text size).
pub(super) fn wrap(ui: &mut egui::Ui) {
    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Wrap);
}
