//! The content notice before a game: what it shows, and how much of it.

use super::shared::Shared;
use super::*;
use bevy_egui::egui::{Key, RichText};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        draw.in_set(Pass::Screen).run_if(on(Screen::Notice)),
    );
}

fn draw(mut g: Shared) -> Result {
    let ctx = g.ctx()?;
    let mut root = crate::ui::root(&ctx);
    let mut go = None;
    let mut intensity = g.settings.intensity;
    title::centered(&mut root, 720.0, |ui| {
        title::wrap(ui);
        crate::ui::heading(ui, &g.t("notice.heading"));
        ui.add_space(12.0);
        ui.label(RichText::new(g.t("notice.body")).size(crate::ui::H2 - 2.0));
        ui.add_space(16.0);
        ui.label(RichText::new(g.t("notice.intensity")).strong());
        ui.radio_value(
            &mut intensity,
            Intensity::Gentle,
            format!("[1] {}", g.t("settings.intensity.low")),
        );
        ui.radio_value(
            &mut intensity,
            Intensity::Full,
            format!("[2] {}", g.t("settings.intensity.full")),
        );
        if crate::ui::pressed(ui.ctx(), Key::Num1) {
            intensity = Intensity::Gentle;
        }
        if crate::ui::pressed(ui.ctx(), Key::Num2) {
            intensity = Intensity::Full;
        }
        ui.add_space(16.0);
        if crate::ui::key_button(ui, Key::Enter, &g.t("notice.continue")) {
            go = Some(Do::NewGame);
        }
        if crate::ui::key_button(ui, Key::Escape, &g.t("notice.stop")) {
            go = Some(Do::Go(Screen::Title));
        }
    });
    if g.settings.intensity != intensity {
        let mut st = g.settings.clone();
        st.intensity = intensity;
        g.send(Do::Set(Box::new(st)));
    }
    if let Some(d) = go {
        g.send(d);
    }
    Ok(())
}
