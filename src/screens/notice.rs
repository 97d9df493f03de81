//! The content notice before a game: what it shows, and how much of it.

use super::shared::Shared;
use super::*;
use bevy_egui::egui::{Key, RichText};

/// The intensity picked on the notice for the game about to start (for that game only: the
/// settings keep the facilitator's).
#[derive(Resource, Clone, Copy, Debug, PartialEq)]
pub struct Chosen(pub Intensity);

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Notice), |mut c: Commands| {
        c.remove_resource::<Chosen>()
    })
    .add_systems(
        EguiPrimaryContextPass,
        draw.in_set(Pass::Screen).run_if(on(Screen::Notice)),
    );
}

fn draw(mut g: Shared, chosen: Option<Res<Chosen>>, mut commands: Commands) -> Result {
    let ctx = g.ctx()?;
    let mut root = crate::ui::root(&ctx);
    let mut go = None;
    let was = chosen.map_or(g.settings.prefs.intensity, |c| c.0);
    let mut intensity = was;
    let locked = g.settings.prefs.lock_intensity;
    title::centered(&mut root, 720.0, |ui| {
        title::wrap(ui);
        crate::ui::heading(ui, &g.t("notice.heading"));
        ui.add_space(12.0);
        ui.label(RichText::new(g.t("notice.body")).size(crate::ui::H2 - 2.0));
        ui.add_space(16.0);
        if locked {
            // The facilitator chose for the class: shown, not offered.
            let level = g.t(match g.settings.prefs.intensity {
                Intensity::Gentle => "settings.intensity.low",
                Intensity::Full => "settings.intensity.full",
            });
            ui.label(RichText::new(g.tf("notice.intensity_locked", &[("level", level)])).strong());
        } else {
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
            ui.label(
                RichText::new(g.t("notice.intensity_once"))
                    .size(crate::ui::SMALL)
                    .color(crate::ui::dim(ui)),
            );
        }
        ui.add_space(16.0);
        if crate::ui::key_button(ui, Key::Enter, &g.t("notice.continue")) {
            go = Some(Do::NewGame);
        }
        if crate::ui::key_button(ui, Key::Escape, &g.t("notice.stop")) {
            go = Some(Do::Go(Screen::Title));
        }
    });
    if intensity != was {
        commands.insert_resource(Chosen(intensity));
    }
    if let Some(d) = go {
        g.send(d);
    }
    Ok(())
}
