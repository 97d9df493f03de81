//! Choosing a level.

use super::shared::{Shared, View};
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
    if list.0.is_empty() {
        list.0 = read_levels();
    }
}

/// The levels in `levels/` that read, by file stem.
fn read_levels() -> Vec<(String, Level)> {
    crate::content::level_files()
        .into_iter()
        .filter_map(|p| {
            let src = crate::content::read_text(&p).ok()?;
            let lv = crate::rules::parse_level(&p.display().to_string(), &src).ok()?;
            Some((p.file_stem()?.to_string_lossy().into_owned(), lv))
        })
        .collect()
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
    let mut root = crate::ui::root(&ctx);
    let mut out = Vec::new();
    title::centered(&mut root, 760.0, |ui| {
        title::wrap(ui);
        out = body(ui, &g.view(), &list.0, &mut u);
    });
    for d in out {
        g.send(d);
    }
    Ok(())
}

/// The levels, a digit each (with the facilitator's days where they cut a level short), and
/// Esc back; with an unfinished game saved, choosing one asks first whether to keep it
/// (Enter), replace it (N) or choose again (Esc). Returns what to do, in order.
fn body(ui: &mut egui::Ui, g: &View, list: &[(String, Level)], u: &mut Unfinished) -> Vec<Do> {
    use crate::ui::art::Light;
    let lang = g.lang();
    // The chosen level for the game about to start, then the notice before it.
    let start = |stem: String| {
        let mut st = g.settings.clone();
        st.setup.level = stem;
        vec![Do::Set(Box::new(st)), Do::Go(Screen::Notice)]
    };
    if let (Some(stem), Some((title, day))) = (u.asking.clone(), u.saved.clone()) {
        // Asked before a new game replaces the saved one.
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
        // Enter (what goes on everywhere else) keeps the saved game; losing it takes its
        // own key.
        let keep = crate::ui::key_button(ui, Key::Enter, &g.t("levels.keep"));
        let replace = crate::ui::key_button(ui, Key::N, &g.t("levels.replace"));
        let back = crate::ui::key_button(ui, Key::Escape, &g.t("settings.back"));
        return if replace {
            u.saved = None;
            start(stem)
        } else if keep {
            vec![Do::Continue]
        } else {
            if back {
                u.asking = None;
            }
            Vec::new()
        };
    }
    crate::ui::heading(ui, &g.t("levels.heading"));
    ui.add_space(16.0);
    let mut pick = None;
    for (i, (stem, lv)) in list.iter().enumerate() {
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
                ui.horizontal_top(|ui| {
                    // The level's season and hour, seen (issue 35).
                    // (Larger where the card has the room: the picture first, the words
                    // beside it.)
                    let w = if ui.available_width() >= 600.0 {
                        220.0
                    } else {
                        150.0
                    };
                    let (r, _) =
                        ui.allocate_exact_size(egui::vec2(w, w * 0.56), egui::Sense::hover());
                    let light = [Light::Day, Light::Evening, Light::Dusk][i.min(2)];
                    crate::ui::art::level_picture(&ui.painter_at(r), r, lv.start.ymd().1, light);
                    ui.vertical(|ui| {
                        if crate::ui::key_button(ui, crate::ui::digit(i + 1), &label) {
                            pick = Some(stem.clone());
                        }
                        ui.add(egui::Label::new(lv.summary.get(lang)).wrap());
                    });
                });
            });
    }
    ui.add_space(12.0);
    if crate::ui::key_button(ui, Key::Escape, &g.t("settings.back")) {
        return vec![Do::Go(Screen::Title)];
    }
    match pick {
        Some(stem) if u.saved.is_some() => {
            u.asking = Some(stem);
            Vec::new()
        }
        Some(stem) => start(stem),
        None => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Tr;
    use crate::rules::Lang;
    use crate::screens::shared::{frame, names};

    fn levels() -> Vec<(String, Level)> {
        read_levels()
    }

    fn press(u: &mut Unfinished, keys: &[Key]) -> (Vec<Do>, Vec<String>) {
        let tr = Tr::load();
        let mut st = Settings::default();
        st.prefs.lang = Lang::Ko;
        st.setup.days = Some(5);
        let list = levels();
        let mut out = Vec::new();
        let shown = frame(keys, true, |ui| {
            out = body(ui, &View::new(&tr, &st, None), &list, u);
        });
        (out, names(&shown))
    }

    fn chose(d: &[Do]) -> Option<String> {
        match d {
            [Do::Set(st), Do::Go(Screen::Notice)] => Some(st.setup.level.clone()),
            _ => None,
        }
    }

    #[test]
    fn a_digit_chooses_a_level_and_a_saved_game_is_asked_about_first() {
        let list = levels();
        assert!(list.len() >= 3, "the three levels");
        let mut u = Unfinished::default();
        for (i, (stem, _)) in list.iter().enumerate() {
            let (out, _) = press(&mut u, &[crate::ui::digit(i + 1)]);
            assert_eq!(chose(&out).as_ref(), Some(stem), "[{}]", i + 1);
        }
        // Each level says the class's 5 days.
        let (out, shown) = press(&mut u, &[]);
        assert!(out.is_empty());
        let class = Tr::load().get(Lang::Ko, "levels.class").to_string();
        assert_eq!(
            shown.iter().filter(|n| n.contains(&class)).count(),
            list.len()
        );
        assert_eq!(press(&mut u, &[Key::Escape]).0, vec![Do::Go(Screen::Title)]);
        // With a game saved: asked first; Esc chooses again, Enter keeps it, N replaces it.
        u.saved = Some((list[0].1.title.clone(), 3));
        let (out, _) = press(&mut u, &[Key::Num2]);
        assert!(out.is_empty() && u.asking == Some(list[1].0.clone()));
        assert!(press(&mut u, &[Key::Escape]).0.is_empty());
        assert_eq!(u.asking, None, "back to the list");
        press(&mut u, &[Key::Num2]);
        assert_eq!(press(&mut u, &[Key::Enter]).0, vec![Do::Continue]);
        let (out, _) = press(&mut u, &[Key::N]);
        assert_eq!(chose(&out), Some(list[1].0.clone()));
        assert!(u.saved.is_none(), "replaced");
    }
}
