//! The content notice before a game: what it shows, and how much of it.

use super::shared::{Shared, View};
use super::*;
use bevy_egui::egui::{self, Key, RichText};

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
    let was = chosen.map_or(g.settings.prefs.intensity, |c| c.0);
    let mut intensity = was;
    let mut go = None;
    title::centered(&mut root, 720.0, |ui| {
        title::wrap(ui);
        go = body(ui, &g.view(), &mut intensity);
    });
    if intensity != was {
        commands.insert_resource(Chosen(intensity));
    }
    if let Some(d) = go {
        g.send(d);
    }
    Ok(())
}

/// What the game shows, and how much of it: the intensity for this game ([1] gentle, [2]
/// full) unless the facilitator locked it; Enter starts, Esc goes back to the title.
fn body(ui: &mut egui::Ui, g: &View, intensity: &mut Intensity) -> Option<Do> {
    crate::ui::heading(ui, &g.t("notice.heading"));
    ui.add_space(12.0);
    // Haeju at dusk before a word is read (issue 35): where the game happens, seen.
    let w = ui.available_width().min(680.0);
    let (r, pic) = ui.allocate_exact_size(egui::vec2(w, w * 0.22), egui::Sense::hover());
    crate::access::describe(&pic, &g.t("pic.notice"));
    crate::ui::art::level_picture(&ui.painter_at(r), r, 4, crate::ui::art::Light::Dusk);
    ui.add_space(12.0);
    ui.label(RichText::new(g.t("notice.body")).size(crate::ui::H2 - 2.0));
    ui.add_space(16.0);
    if g.settings.prefs.lock_intensity {
        // The facilitator chose for the class: shown, not offered.
        let level = g.t(match g.settings.prefs.intensity {
            Intensity::Gentle => "settings.intensity.low",
            Intensity::Full => "settings.intensity.full",
        });
        ui.label(RichText::new(g.tf("notice.intensity_locked", &[("level", level)])).strong());
    } else {
        ui.label(RichText::new(g.t("notice.intensity")).strong());
        ui.radio_value(
            intensity,
            Intensity::Gentle,
            format!("[1] {}", g.t("settings.intensity.low")),
        );
        ui.radio_value(
            intensity,
            Intensity::Full,
            format!("[2] {}", g.t("settings.intensity.full")),
        );
        if crate::ui::pressed(ui.ctx(), Key::Num1) {
            *intensity = Intensity::Gentle;
        }
        if crate::ui::pressed(ui.ctx(), Key::Num2) {
            *intensity = Intensity::Full;
        }
        ui.label(
            RichText::new(g.t("notice.intensity_once"))
                .size(crate::ui::SMALL)
                .color(crate::ui::dim(ui)),
        );
    }
    ui.add_space(16.0);
    let mut go = None;
    if crate::ui::key_button(ui, Key::Enter, &g.t("notice.continue")) {
        go = Some(Do::NewGame);
    }
    if crate::ui::key_button(ui, Key::Escape, &g.t("notice.stop")) {
        go = Some(Do::Go(Screen::Title));
    }
    go
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Tr;
    use crate::screens::shared::{frame, names};

    fn press(locked: bool, intensity: &mut Intensity, keys: &[Key]) -> (Option<Do>, Vec<String>) {
        let tr = Tr::load();
        let mut st = Settings::default();
        st.prefs.lock_intensity = locked;
        let mut go = None;
        let out = frame(keys, true, |ui| {
            go = body(ui, &View::new(&tr, &st, None), intensity)
        });
        (go, names(&out))
    }

    #[test]
    fn the_notice_offers_the_intensity_unless_it_is_locked() {
        let mut i = Intensity::Gentle;
        press(false, &mut i, &[Key::Num2]);
        assert_eq!(i, Intensity::Full);
        press(false, &mut i, &[Key::Num1]);
        assert_eq!(i, Intensity::Gentle);
        assert_eq!(press(false, &mut i, &[Key::Enter]).0, Some(Do::NewGame));
        assert_eq!(
            press(false, &mut i, &[Key::Escape]).0,
            Some(Do::Go(Screen::Title))
        );
        // Locked by the facilitator: shown, not offered; 2 changes nothing.
        let (go, shown) = press(true, &mut i, &[Key::Num2]);
        assert_eq!((go, i), (None, Intensity::Gentle));
        assert!(!shown.iter().any(|n| n.starts_with("[2] ")), "{shown:?}");
    }
}
