//! Before play: title, level choice, content notice, settings and the sources list.

use super::*;
use bevy_egui::egui::{Key, RichText};

pub fn find_levels(mut menu: ResMut<Menu>) {
    menu.levels = crate::content::level_files()
        .into_iter()
        .filter_map(|p| {
            let src = crate::content::read_text(&p).ok()?;
            let lv = crate::rules::parse_level(&p.display().to_string(), &src).ok()?;
            Some((p.file_stem()?.to_string_lossy().into_owned(), lv))
        })
        .collect();
    // Read once here, not on every frame of the Sources screen.
    let path = crate::content::levels_dir().join("facts.ron");
    menu.catalog = crate::content::read_text(&path)
        .ok()
        .and_then(|src| crate::rules::parse_catalog("facts.ron", &src).ok());
}

fn centered(root: &mut egui::Ui, width: f32, add: impl FnOnce(&mut egui::Ui)) {
    egui::CentralPanel::default().show(root, |ui| {
        ui.vertical_centered(|ui| {
            ui.set_max_width(width);
            ui.add_space(36.0);
            add(ui);
        });
    });
}

pub fn title(g: &mut Game, ctx: &egui::Context) {
    let mut root = ui::root(ctx);
    let saved = crate::platform::has_save();
    let mut choice = None;
    centered(&mut root, 640.0, |ui| {
        ui.label(RichText::new(g.t("game.title")).size(48.0).strong());
        ui.label(
            RichText::new(g.t("game.tagline"))
                .size(ui::H2)
                .color(ui::DIM),
        );
        ui.add_space(30.0);
        if ui::key_button(ui, Key::N, &g.t("title.new")) {
            choice = Some(0);
        }
        if ui::key_button_enabled(ui, Key::C, &g.t("title.continue"), saved) {
            choice = Some(1);
        }
        if ui::key_button(ui, Key::S, &g.t("title.settings")) {
            choice = Some(2);
        }
        if ui::key_button(ui, Key::F, &g.t("title.sources")) {
            choice = Some(3);
        }
        ui.horizontal(|ui| {
            ui.add_space((ui.available_width() - 330.0).max(0.0) / 2.0);
            if ui::key_button_enabled(ui, Key::E, &g.t("title.export"), saved) {
                choice = Some(5);
            }
            if ui::key_button(ui, Key::I, &g.t("title.import")) {
                choice = Some(6);
            }
        });
        if ui::key_button(ui, Key::Q, &g.t("title.quit")) {
            choice = Some(4);
        }
        ui.add_space(24.0);
        ui.label(RichText::new("[F9] English / 한국어    [F10/F11] − / + size").color(ui::DIM));
        if let Some(m) = &g.menu.message {
            ui.add_space(16.0);
            ui.label(RichText::new(m).color(ui::RED));
        }
    });
    match choice {
        Some(0) => g.go(Screen::Levels),
        Some(1) => match crate::platform::read() {
            Ok(Some(save)) => match crate::platform::restore(&save, None) {
                Ok(s) => {
                    g.commands.insert_resource(s);
                    g.go(Screen::Morning);
                }
                Err(e) => g.menu.message = Some(e),
            },
            Ok(None) => g.menu.message = Some(g.t("title.no_save")),
            Err(e) => g.menu.message = Some(e),
        },
        Some(2) => {
            g.menu.back_to = Some(Screen::Title);
            g.go(Screen::Settings);
        }
        Some(3) => {
            g.menu.back_to = Some(Screen::Title);
            g.go(Screen::Sources);
        }
        Some(4) => {
            g.exit.write(AppExit::Success);
        }
        Some(5) => {
            g.menu.message = Some(match crate::platform::read() {
                Ok(Some(save)) => match crate::platform::export_save(&save) {
                    Ok(to) => format!("{}: {to}", g.t("title.exported")),
                    Err(e) => e,
                },
                Ok(None) => g.t("title.no_save"),
                Err(e) => e,
            });
        }
        Some(6) => {
            if let Err(e) = crate::platform::request_import() {
                g.menu.message = Some(e);
            }
        }
        _ => {}
    }
}

pub fn levels(g: &mut Game, ctx: &egui::Context) {
    let lang = g.settings.lang;
    let mut root = ui::root(ctx);
    let mut pick = None;
    centered(&mut root, 760.0, |ui| {
        ui::heading(ui, &g.t("levels.heading"));
        ui.add_space(16.0);
        for (i, (stem, lv)) in g.menu.levels.iter().enumerate() {
            egui::Frame::group(ui.style())
                .inner_margin(12.0)
                .show(ui, |ui| {
                    ui.set_width(700.0);
                    if ui::key_button(
                        ui,
                        ui::digit(i + 1),
                        &format!(
                            "{} — {} {}",
                            lv.title.get(lang),
                            lv.days,
                            g.t("levels.days")
                        ),
                    ) {
                        pick = Some(stem.clone());
                    }
                    ui.label(lv.summary.get(lang));
                });
        }
        ui.add_space(12.0);
        if ui::key_button(ui, Key::Escape, &g.t("settings.back")) {
            pick = Some(String::new());
        }
    });
    match pick {
        Some(s) if s.is_empty() => g.go(Screen::Title),
        Some(stem) => {
            g.settings.level = stem;
            g.go(Screen::Notice);
        }
        None => {}
    }
}

/// A new game with the settings: a class code fixes the seed, so that the whole room plays
/// the same days; the facilitator's day count cuts the level short.
fn start_session(st: &Settings) -> Result<Session, String> {
    let code = crate::content::class_code(&st.class_code);
    let seed = code
        .as_deref()
        .and_then(crate::content::class_seed)
        .unwrap_or(st.seed);
    Session::start(&st.level, seed, st.days, code)
}

pub fn notice(g: &mut Game, ctx: &egui::Context) {
    let mut root = ui::root(ctx);
    let mut go = None;
    let mut intensity = g.settings.intensity;
    centered(&mut root, 720.0, |ui| {
        ui::heading(ui, &g.t("notice.heading"));
        ui.add_space(12.0);
        ui.label(RichText::new(g.t("notice.body")).size(ui::H2 - 2.0));
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
        if ui::pressed(ui.ctx(), Key::Num1) {
            intensity = Intensity::Gentle;
        }
        if ui::pressed(ui.ctx(), Key::Num2) {
            intensity = Intensity::Full;
        }
        ui.add_space(16.0);
        if ui::key_button(ui, Key::Enter, &g.t("notice.continue")) {
            go = Some(true);
        }
        if ui::key_button(ui, Key::Escape, &g.t("notice.stop")) {
            go = Some(false);
        }
    });
    // (Written only when it changes: the screens draw every frame.)
    if g.settings.intensity != intensity {
        g.settings.intensity = intensity;
    }
    match go {
        Some(true) => match start_session(&g.settings) {
            Ok(s) => {
                g.commands.insert_resource(s);
                g.go(Screen::Briefing);
            }
            Err(e) => {
                g.menu.message = Some(e);
                g.go(Screen::Title);
            }
        },
        Some(false) => g.go(Screen::Title),
        None => {}
    }
}

/// Session lengths a facilitator can pick (None: the level's own).
const DAY_CHOICES: [Option<u32>; 4] = [None, Some(5), Some(7), Some(10)];

pub fn settings(g: &mut Game, ctx: &egui::Context) {
    let mut root = ui::root(ctx);
    let mut st = g.settings.clone();
    let mut back = false;
    let focus_code = g.menu.focus_code;
    let mut focus_next = false;
    centered(&mut root, 640.0, |ui| {
        ui::heading(ui, &g.t("settings.heading"));
        ui.add_space(16.0);
        egui::Grid::new("settings")
            .num_columns(2)
            .spacing([24.0, 14.0])
            .show(ui, |ui| {
                ui.label(g.t("settings.language"));
                ui.horizontal(|ui| {
                    ui.selectable_value(&mut st.lang, Lang::En, "English");
                    ui.selectable_value(&mut st.lang, Lang::Ko, "한국어");
                    ui.label(RichText::new("[F9]").color(ui::DIM));
                });
                ui.end_row();
                ui.label(g.t("settings.scale"));
                ui.horizontal(|ui| {
                    ui.add(egui::Slider::new(&mut st.scale, 0.75..=2.0).step_by(0.25));
                    ui.label(RichText::new("[F10/F11]").color(ui::DIM));
                });
                ui.end_row();
                ui.label(g.t("settings.facts"));
                ui.checkbox(&mut st.facts, "[1]");
                ui.end_row();
                ui.label(g.t("settings.speed"));
                ui.horizontal(|ui| {
                    ui.label(RichText::new("[2]").color(ui::DIM));
                    ui.selectable_value(
                        &mut st.text_speed,
                        TextSpeed::Slow,
                        g.t("settings.speed.slow"),
                    );
                    ui.selectable_value(
                        &mut st.text_speed,
                        TextSpeed::Normal,
                        g.t("settings.speed.normal"),
                    );
                    ui.selectable_value(
                        &mut st.text_speed,
                        TextSpeed::Instant,
                        g.t("settings.speed.instant"),
                    );
                });
                ui.end_row();
                ui.label(g.t("settings.no_timer"));
                ui.checkbox(
                    &mut st.no_timer,
                    format!("[3] {}", g.t("settings.no_timer_on")),
                );
                ui.end_row();
                ui.label(format!("{} [4]", g.t("settings.intensity")));
                ui.vertical(|ui| {
                    ui.radio_value(
                        &mut st.intensity,
                        Intensity::Gentle,
                        g.t("settings.intensity.low"),
                    );
                    ui.radio_value(
                        &mut st.intensity,
                        Intensity::Full,
                        g.t("settings.intensity.full"),
                    );
                });
                ui.end_row();
                // Facilitator: a class code fixes the days for the whole room.
                ui.label(format!("{} [5]", g.t("settings.class_code")));
                ui.vertical(|ui| {
                    let edit = ui.add(
                        egui::TextEdit::singleline(&mut st.class_code)
                            .desired_width(180.0)
                            .char_limit(16)
                            .hint_text("MAPLE7"),
                    );
                    if focus_code {
                        edit.request_focus();
                    }
                    let note = match (
                        st.class_code.trim(),
                        crate::content::class_code(&st.class_code),
                    ) {
                        ("", _) => g.t("settings.class_code.none"),
                        (_, Some(code)) => g.tf("settings.class_code.ok", &[("code", code)]),
                        (_, None) => g.t("settings.class_code.bad"),
                    };
                    ui.label(RichText::new(note).size(ui::SMALL).color(ui::DIM));
                });
                ui.end_row();
                ui.label(format!("{} [6]", g.t("settings.days")));
                ui.horizontal(|ui| {
                    for d in DAY_CHOICES {
                        let label = match d {
                            None => g.t("settings.days.level"),
                            Some(n) => n.to_string(),
                        };
                        ui.selectable_value(&mut st.days, d, label);
                    }
                });
                ui.end_row();
            });
        ui.add_space(16.0);
        back = ui::key_button(ui, Key::Escape, &g.t("settings.back"));
        let ctx = ui.ctx().clone();
        // While the class code is being typed, digits are letters of the code.
        let typing = ctx.memory(|m| m.focused().is_some());
        if !typing && ui::pressed(&ctx, Key::Num5) {
            focus_next = true;
        }
        if !typing && ui::pressed(&ctx, Key::Num6) {
            let k = DAY_CHOICES.iter().position(|d| *d == st.days).unwrap_or(0);
            st.days = DAY_CHOICES[(k + 1) % DAY_CHOICES.len()];
        }
        if typing {
            return;
        }
        if ui::pressed(&ctx, Key::Num1) {
            st.facts = !st.facts;
        }
        if ui::pressed(&ctx, Key::Num2) {
            st.text_speed = match st.text_speed {
                TextSpeed::Slow => TextSpeed::Normal,
                TextSpeed::Normal => TextSpeed::Instant,
                TextSpeed::Instant => TextSpeed::Slow,
            };
        }
        if ui::pressed(&ctx, Key::Num3) {
            st.no_timer = !st.no_timer;
        }
        if ui::pressed(&ctx, Key::Num4) {
            st.intensity = if st.intensity == Intensity::Full {
                Intensity::Gentle
            } else {
                Intensity::Full
            };
        }
    });
    // (Written only when they change: the screens draw every frame.)
    g.settings.set_if_neq(st);
    if g.menu.focus_code != focus_next {
        g.menu.focus_code = focus_next;
    }
    if back {
        let to = g.menu.back_to.take().unwrap_or(Screen::Title);
        g.go(to);
    }
}

pub fn sources(g: &mut Game, ctx: &egui::Context) {
    let lang = g.settings.lang;
    let mut root = ui::root(ctx);
    let catalog = g
        .session
        .as_ref()
        .and_then(|s| s.state.world.catalog.as_ref())
        .or(g.menu.catalog.as_ref());
    let mut back = false;
    egui::CentralPanel::default().show(&mut root, |ui| {
        ui::heading(ui, &g.t("sources.heading"));
        back = ui::key_button(ui, Key::Escape, &g.t("settings.back"));
        ui.add_space(8.0);
        egui::ScrollArea::vertical().show(ui, |ui| {
            if let Some(cat) = catalog {
                for card in &cat.cards {
                    card_block(ui, &g.tr, lang, cat, card, ui::BODY + 1.0);
                    ui.add_space(8.0);
                }
            }
        });
    });
    if back {
        let to = g.menu.back_to.take().unwrap_or(Screen::Title);
        g.go(to);
    }
}
