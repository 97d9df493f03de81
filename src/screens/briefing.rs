//! The briefing: the level, the family, the money and the phone she starts with.

use super::shared::{Shared, View};
use super::*;
use crate::rules::*;
use crate::ui;
use bevy_egui::egui::{self, Key, RichText};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        draw.in_set(Pass::Screen).run_if(on(Screen::Briefing)),
    );
}

fn draw(mut g: Shared) -> Result {
    let ctx = g.ctx()?;
    let mut did = None;
    let mut root = ui::root(&ctx);
    super::title::centered(&mut root, 820.0, |ui| {
        super::title::wrap(ui);
        did = body(ui, &g.view());
    });
    if let Some(d) = did {
        g.send(d);
    }
    Ok(())
}

/// The level, the family (each face first), the days, the money and the phone she starts
/// with; Enter to the first morning.
fn body(ui: &mut egui::Ui, g: &View) -> Option<Do> {
    let lang = g.lang();
    let s = g.session?;
    let lv = s.state().lv();
    ui::heading(
        ui,
        &format!("{} — {}", g.t("briefing.heading"), lv.title.get(lang)),
    );
    ui.add_space(8.0);
    ui.label(RichText::new(lv.summary.get(lang)).size(ui::H2 - 2.0));
    ui.add_space(10.0);
    // Her trade, seen before it is told (issue 35): the market stall with the goods of the
    // level on its counter, in the morning light.
    if let Some(market) = lv
        .places
        .iter()
        .find(|p| p.kind == crate::rules::PlaceKind::Market)
    {
        let w = ui.available_width().min(680.0);
        let (r, pic) = ui.allocate_exact_size(egui::vec2(w, w * 0.24), egui::Sense::hover());
        let place = market.name.get(lang).to_string();
        crate::access::describe(&pic, &g.tf("pic.place", &[("place", place)]));
        let goods: Vec<&str> = lv.goods.iter().map(|x| x.id.as_str()).collect();
        ui::art::place_scene(
            &ui.painter_at(r),
            r,
            market.kind,
            ui::art::Light::Morning,
            &goods,
            market.stall,
        );
    }
    ui.add_space(14.0);
    egui::Grid::new("brief")
        .num_columns(2)
        .min_col_width(120.0)
        .spacing([30.0, 10.0])
        .show(ui, |ui| {
            ui.label(RichText::new(g.t("briefing.family")).strong());
            family(ui, g, lv);
            ui.end_row();
            ui.label(RichText::new(g.t("briefing.days")).strong());
            ui.label(g.tf(
                "briefing.days_text",
                &[
                    ("n", lv.days.to_string()),
                    ("from", g.tr.date(g.lang(), lv.start)),
                    (
                        "to",
                        g.tr.date(g.lang(), lv.start.plus_days(lv.days as i32 - 1)),
                    ),
                ],
            ));
            ui.end_row();
            ui.label(RichText::new(g.t("briefing.money")).strong());
            ui.label(format!(
                "{}   {}   {}",
                won(lv.money.won),
                money(Currency::Yuan, lv.money.yuan),
                money(Currency::Usd, lv.money.usd)
            ));
            ui.end_row();
            ui.label(RichText::new(g.t("briefing.phone")).strong());
            ui.label(g.tf(
                "briefing.phone_items",
                &[
                    ("model", lv.phone_model.get(lang).to_string()),
                    ("n", s.state().phone.items.len().to_string()),
                ],
            ));
            ui.end_row();
        });
    ui.add_space(20.0);
    ui::key_button(ui, Key::Enter, &g.t("briefing.begin")).then_some(Do::Go(Screen::Morning))
}

/// The family, each face first with their name and role, and what they eat (the briefing's,
/// and the reading arm's story page).
pub(super) fn family(ui: &mut egui::Ui, g: &View, lv: &Level) {
    let lang = g.lang();
    ui.vertical(|ui| {
        // Each of them, face first.
        ui.horizontal_top(|ui| {
            for m in &lv.family.members {
                ui.vertical(|ui| {
                    ui.set_width(150.0);
                    let (r, _) =
                        ui.allocate_exact_size(egui::vec2(72.0, 72.0), egui::Sense::hover());
                    let painter = ui.painter_at(r);
                    painter.rect_filled(r, 6.0, ui::art::WALL);
                    ui::art::portrait(&painter, r, m.face, ui::art::Mood::Well);
                    ui.label(RichText::new(m.name.get(lang)).strong());
                    ui.label(
                        RichText::new(m.role.get(lang))
                            .size(ui::SMALL)
                            .color(ui::dim(ui)),
                    );
                });
            }
        });
        ui.label(g.tf(
            "morning.needs",
            &[("kg", lv.family.grain_kg_per_day.to_string())],
        ));
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Tr;
    use crate::screens::shared::{frame, names};
    use crate::session::Session;

    #[test]
    fn the_briefing_names_the_family_and_enter_begins() {
        let s = Session::new("01", 7).expect("level 1");
        let tr = Tr::load();
        for lang in [Lang::En, Lang::Ko] {
            let mut st = Settings::default();
            st.prefs.lang = lang;
            let v = View::new(&tr, &st, Some(&s));
            let mut did = None;
            let out = frame(&[], true, |ui| did = body(ui, &v));
            assert_eq!(did, None);
            let shown = names(&out);
            for m in &s.state().lv().family.members {
                let name = m.name.get(lang);
                assert!(shown.iter().any(|n| n == name), "{name} in {shown:?}");
            }
            frame(&[Key::Enter], false, |ui| did = body(ui, &v));
            assert_eq!(did, Some(Do::Go(Screen::Morning)), "{lang:?}");
        }
    }
}
