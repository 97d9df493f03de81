//! Choosing a level.

use super::shared::Shared;
use super::*;
use crate::rules::Level;
use bevy_egui::egui::{self, Key};

/// The levels in `levels/`, read when the screen is first opened.
#[derive(Resource, Default)]
struct LevelList(Vec<(String, Level)>);

/// The saved game, if it is not finished (its level's title and the day it is at): a new
/// game would replace it, so choosing a level asks first. `asking`: the level chosen.
#[derive(Resource, Default)]
struct Unfinished {
    saved: Option<(crate::rules::Text, usize)>,
    asking: Option<String>,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<LevelList>()
        .init_resource::<Unfinished>()
        .add_systems(OnEnter(Screen::Levels), (find_levels, find_unfinished))
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

fn find_unfinished(mut u: ResMut<Unfinished>) {
    u.asking = None;
    u.saved = match crate::platform::read() {
        Ok(Some(save)) => crate::session::Session::restore(&save, None)
            .ok()
            .filter(|s| !s.finished())
            .map(|s| (s.state().lv().title.clone(), s.state().day as usize + 1)),
        _ => None,
    };
}

fn draw(mut g: Shared, list: Res<LevelList>, mut u: ResMut<Unfinished>) -> Result {
    let ctx = g.ctx()?;
    let lang = g.lang();
    let mut root = crate::ui::root(&ctx);
    let mut pick = None;
    if let (Some(stem), Some((title, day))) = (u.asking.clone(), u.saved.clone()) {
        // Asked before a new game replaces the saved one.
        let mut answer = None;
        title::centered(&mut root, 760.0, |ui| {
            title::wrap(ui);
            crate::ui::heading(ui, &g.t("levels.unfinished_heading"));
            ui.add_space(12.0);
            ui.label(g.tf(
                "levels.unfinished",
                &[
                    ("level", title.get(lang).to_string()),
                    ("day", g.tr.day(lang, day)),
                ],
            ));
            ui.add_space(12.0);
            // Enter (what goes on everywhere else) keeps the saved game; losing it takes
            // its own key.
            if crate::ui::key_button(ui, Key::Enter, &g.t("levels.keep")) {
                answer = Some(Do::Continue);
            }
            if crate::ui::key_button(ui, Key::N, &g.t("levels.replace")) {
                answer = Some(Do::Go(Screen::Notice));
            }
            if crate::ui::key_button(ui, Key::Escape, &g.t("settings.back")) {
                answer = Some(Do::Go(Screen::Levels));
            }
        });
        match answer {
            Some(Do::Go(Screen::Notice)) => {
                u.saved = None;
                let mut st = g.settings.clone();
                st.setup.level = stem;
                g.send(Do::Set(Box::new(st)));
                g.go(Screen::Notice);
            }
            Some(Do::Go(_)) => u.asking = None,
            Some(d) => g.send(d),
            None => {}
        }
        return Ok(());
    }
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
                    let label = match g.settings.setup.days.filter(|&d| d < lv.days) {
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
        Some(stem) if u.saved.is_some() => u.asking = Some(stem),
        Some(stem) => {
            let mut st = g.settings.clone();
            st.setup.level = stem;
            g.send(Do::Set(Box::new(st)));
            g.go(Screen::Notice);
        }
        None => {}
    }
    Ok(())
}
