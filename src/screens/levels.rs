//! Choosing a level.

use super::shared::Shared;
use super::*;
use crate::rules::Level;
use bevy_egui::egui::{self, Key};

/// The levels in `levels/`, read when the screen is first opened.
#[derive(Resource, Default)]
struct LevelList(Vec<(String, Level)>);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<LevelList>()
        .add_systems(OnEnter(Screen::Levels), find_levels)
        .add_systems(
            EguiPrimaryContextPass,
            draw.in_set(Pass::Screen).run_if(on(Screen::Levels)),
        );
}

fn find_levels(mut list: ResMut<LevelList>) {
    if !list.0.is_empty() {
        return;
    }
    list.0 = crate::content::level_files()
        .into_iter()
        .filter_map(|p| {
            let src = crate::content::read_text(&p).ok()?;
            let lv = crate::rules::parse_level(&p.display().to_string(), &src).ok()?;
            Some((p.file_stem()?.to_string_lossy().into_owned(), lv))
        })
        .collect();
}

fn draw(mut g: Shared, list: Res<LevelList>) -> Result {
    let ctx = g.ctx()?;
    let lang = g.lang();
    let mut root = crate::ui::root(&ctx);
    let mut pick = None;
    title::centered(&mut root, 760.0, |ui| {
        title::wrap(ui);
        crate::ui::heading(ui, &g.t("levels.heading"));
        ui.add_space(16.0);
        for (i, (stem, lv)) in list.0.iter().enumerate() {
            egui::Frame::group(ui.style())
                .inner_margin(12.0)
                .show(ui, |ui| {
                    ui.set_width(700.0_f32.min(ui.available_width()));
                    // A facilitator's day setting cuts every level short: say so.
                    let label = match g.settings.days.filter(|&d| d < lv.days) {
                        Some(d) => format!(
                            "{} — {} {}",
                            lv.title.get(lang),
                            g.tf("levels.days_n", &[("n", d.to_string())]),
                            g.t("levels.class")
                        ),
                        None => format!(
                            "{} — {}",
                            lv.title.get(lang),
                            g.tf("levels.days_n", &[("n", lv.days.to_string())])
                        ),
                    };
                    if crate::ui::key_button(ui, crate::ui::digit(i + 1), &label) {
                        pick = Some(stem.clone());
                    }
                    ui.label(lv.summary.get(lang));
                });
        }
        ui.add_space(12.0);
        if crate::ui::key_button(ui, Key::Escape, &g.t("settings.back")) {
            pick = Some(String::new());
        }
    });
    match pick {
        Some(s) if s.is_empty() => g.go(Screen::Title),
        Some(stem) => {
            let mut st = g.settings.clone();
            st.level = stem;
            g.send(Do::Set(Box::new(st)));
            g.go(Screen::Notice);
        }
        None => {}
    }
    Ok(())
}
