//! Settings, over whatever screen is open (F8, or from the title): language, size, fact
//! cards, text speed, time pressure, motion, sound, intensity, and for a facilitator the
//! class code and the number of days.

use super::shared::{Shared, View};
use super::*;
use crate::rules::Lang;
use crate::ui;
use bevy_egui::egui::{self, Key, RichText};

/// The class-code field takes the keyboard on the next frame (after [5]).
#[derive(Resource, Default)]
pub struct SettingsUi {
    pub focus_code: bool,
    /// The player's keys are shown [K]; the game key whose new key is awaited.
    pub keys_open: bool,
    pub rebinding: Option<Key>,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<SettingsUi>()
        .add_systems(
            EguiPrimaryContextPass,
            draw.in_set(Pass::Screen).run_if(over(Overlay::Settings)),
        )
        // Settings closed however it was (Back by mouse, F8, a screen change): a key
        // change still waiting ends, or every game key would stay dead (issue 31, point 19).
        .add_systems(OnExit(Overlay::Settings), end_capture);
}

fn end_capture(mut field: ResMut<SettingsUi>, mut contexts: bevy_egui::EguiContexts) {
    field.rebinding = None;
    if let Ok(ctx) = contexts.ctx_mut() {
        ui::keys::capture(ctx, false);
    }
}

/// The player's rows: language, size, cards, guide, speed, time, contrast, motion, sound.
fn player_rows(ui: &mut egui::Ui, g: &View, st: &mut Settings) {
    ui.label(g.t("settings.language"));
    ui.horizontal(|ui| {
        ui.selectable_value(&mut st.prefs.lang, Lang::En, "English");
        ui.selectable_value(&mut st.prefs.lang, Lang::Ko, "한국어");
        ui.label(RichText::new("[F9]").color(ui::dim(ui)));
    });
    ui.end_row();
    ui.label(g.t("settings.scale"));
    ui.horizontal(|ui| {
        ui.add(egui::Slider::new(&mut st.prefs.scale, crate::settings::SCALES).step_by(0.25));
        ui.label(RichText::new("[F10/F11]").color(ui::dim(ui)));
    });
    ui.end_row();
    ui.label(g.t("settings.facts"));
    ui.checkbox(&mut st.prefs.facts, "[1]");
    ui.end_row();
    // Turning the guide on again shows its notes again.
    ui.label(g.t("settings.guide"));
    if ui.checkbox(&mut st.setup.guide, "[7]").changed() && st.setup.guide {
        st.setup.guide_seen = 0;
    }
    ui.end_row();
    ui.label(g.t("settings.speed"));
    ui.horizontal(|ui| {
        ui.label(RichText::new("[2]").color(ui::dim(ui)));
        ui.selectable_value(
            &mut st.prefs.text_speed,
            TextSpeed::Slow,
            g.t("settings.speed.slow"),
        );
        ui.selectable_value(
            &mut st.prefs.text_speed,
            TextSpeed::Normal,
            g.t("settings.speed.normal"),
        );
        ui.selectable_value(
            &mut st.prefs.text_speed,
            TextSpeed::Instant,
            g.t("settings.speed.instant"),
        );
    });
    ui.end_row();
    ui.label(g.t("settings.no_timer"));
    ui.checkbox(
        &mut st.prefs.no_timer,
        format!("[3] {}", g.t("settings.no_timer_on")),
    );
    ui.end_row();
    ui.label(g.t("settings.contrast"));
    ui.checkbox(
        &mut st.prefs.high_contrast,
        format!("[H] {}", g.t("settings.contrast_on")),
    );
    ui.end_row();
    ui.label(g.t("settings.motion"));
    ui.checkbox(
        &mut st.prefs.reduce_motion,
        format!("[8] {}", g.t("settings.motion_on")),
    );
    ui.end_row();
    // Sound: on or off [9], the volume in ten steps [0].
    ui.label(g.t("settings.sound"));
    ui.horizontal(|ui| {
        ui.checkbox(
            &mut st.prefs.sound,
            format!("[9] {}", g.t("settings.sound_on")),
        );
        ui.add_enabled(
            st.prefs.sound,
            egui::Slider::new(&mut st.prefs.volume, 0..=10).text(g.t("settings.volume")),
        );
        ui.label(RichText::new("[0]").color(ui::dim(ui)));
    });
    ui.end_row();
}

/// The facilitator's rows: the intensity and its lock, the class code, the days, the check.
fn facilitator_rows(ui: &mut egui::Ui, g: &View, st: &mut Settings, focus_code: bool) {
    ui.label(format!("{} [4]", g.t("settings.intensity")));
    ui.vertical(|ui| {
        ui.radio_value(
            &mut st.prefs.intensity,
            Intensity::Gentle,
            g.t("settings.intensity.low"),
        );
        ui.radio_value(
            &mut st.prefs.intensity,
            Intensity::Full,
            g.t("settings.intensity.full"),
        );
        // Facilitator: the class plays at this intensity, not one key away.
        ui.checkbox(
            &mut st.prefs.lock_intensity,
            format!("[L] {}", g.t("settings.intensity.lock")),
        );
    });
    ui.end_row();
    // Facilitator: a class code fixes the days for the whole room.
    ui.label(format!("{} [5]", g.t("settings.class_code")));
    ui.vertical(|ui| {
        let edit = ui.add(
            egui::TextEdit::singleline(&mut st.setup.class_code)
                .desired_width(180.0)
                .char_limit(16)
                .hint_text(g.t("settings.class_code.example")),
        );
        if focus_code {
            edit.request_focus();
        }
        let note = match (
            st.setup.class_code.trim(),
            crate::content::class_code(&st.setup.class_code),
        ) {
            ("", _) => g.t("settings.class_code.none"),
            (_, Some(code)) => g.tf("settings.class_code.ok", &[("code", code)]),
            (_, None) => g.t("settings.class_code.bad"),
        };
        ui.label(RichText::new(note).size(ui::SMALL).color(ui::dim(ui)));
    });
    ui.end_row();
    ui.label(format!("{} [6]", g.t("settings.days")));
    ui.horizontal(|ui| {
        for d in DAY_CHOICES {
            let label = match d {
                None => g.t("settings.days.level"),
                Some(n) => n.to_string(),
            };
            ui.selectable_value(&mut st.setup.days, d, label);
        }
    });
    ui.end_row();
    ui.label(g.t("settings.check"));
    ui.checkbox(
        &mut st.setup.check,
        format!("[B] {}", g.t("settings.check_on")),
    );
    ui.end_row();
    ui.label(format!("{} [R]", g.t("settings.arm")));
    ui.horizontal(|ui| {
        for arm in crate::settings::Arm::ALL {
            ui.selectable_value(
                &mut st.setup.arm,
                arm,
                g.t(&format!("settings.arm.{}", arm.key())),
            );
        }
    });
    ui.end_row();
    ui.label(g.t("settings.later"));
    ui.checkbox(
        &mut st.setup.later,
        format!("[W] {}", g.t("settings.later_on")),
    );
    ui.end_row();
}

/// Session lengths a facilitator can pick (None: the level's own).
const DAY_CHOICES: [Option<u32>; 4] = [None, Some(5), Some(7), Some(10)];

fn draw(mut g: Shared, mut field: ResMut<SettingsUi>) -> Result {
    let ctx = g.ctx()?;
    let mut root = ui::root(&ctx);
    let mut st = g.settings.clone();
    let mut out = Vec::new();
    title::centered(&mut root, 640.0, |ui| {
        out = body(ui, &g.view(), &mut st, &mut field);
    });
    if st != *g.settings {
        g.send(Do::Set(Box::new(st)));
    }
    for d in out {
        g.send(d);
    }
    Ok(())
}

/// The settings: the way out at the top (Esc, or Q to the title from a game), the player's
/// and the facilitator's rows, the player's keys, and each row's key. Changes `st` (the
/// caller keeps it when it differs); returns what else to do.
fn body(ui: &mut egui::Ui, g: &View, st: &mut Settings, field: &mut SettingsUi) -> Vec<Do> {
    let mut out = Vec::new();
    let (mut back, mut to_title) = (false, false);
    ui::heading(ui, &g.t("settings.heading"));
    // The way out is at the top, always in sight at 1280×720 (the list below may scroll at
    // a large text size; issue 31, point 16).
    ui.horizontal_wrapped(|ui| {
        back = ui::key_button(ui, Key::Escape, &g.t("settings.back"));
        // A game in play can be left for the title: it is saved as it is, and "Continue"
        // there picks it up.
        let playing = g.session.is_some_and(|s| s.state().ending.is_none());
        if playing && ui::key_button(ui, Key::Q, &g.t("settings.to_title")) {
            to_title = true;
        }
    });
    ui.add_space(10.0);
    super::title::wrap(ui);
    egui::Grid::new("settings")
        .num_columns(2)
        .min_col_width(150.0)
        .spacing([24.0, 9.0])
        .show(ui, |ui| {
            player_rows(ui, g, st);
            facilitator_rows(ui, g, st, field.focus_code);
        });
    ui.add_space(10.0);
    key_list(g, ui, st, field, &mut out);
    let focus_next = keys(&ui.ctx().clone(), st);
    if field.focus_code != focus_next {
        out.push(Do::FocusCode(focus_next));
    }
    if back || to_title {
        out.push(Do::Open(Overlay::None));
    }
    if to_title {
        out.push(Do::EndGame);
    }
    out
}

/// The player's keys: each key that works on every screen, what it does, the key that does
/// it now, and a button to change it. A change waits for the next key (Esc keeps the old
/// one); a key the game already uses is refused with a message.
fn key_list(
    g: &View,
    ui: &mut egui::Ui,
    st: &mut Settings,
    field: &mut SettingsUi,
    out: &mut Vec<Do>,
) {
    let open_label = format!("[K] {}", g.t("settings.keys"));
    let toggle = ui
        .horizontal(|ui| {
            ui.add(egui::Button::selectable(field.keys_open, open_label))
                .clicked()
        })
        .inner;
    let typing = ui.ctx().memory(|m| m.focused().is_some());
    if toggle || (!typing && field.rebinding.is_none() && ui::pressed(ui.ctx(), Key::K)) {
        field.keys_open = !field.keys_open;
        field.rebinding = None;
    }
    // The key that was awaited: the first key pressed this frame, taken from the frame so
    // that it does nothing else.
    if let Some(from) = field.rebinding {
        let got = ui.ctx().input_mut(|i| {
            let k = i.events.iter().find_map(|e| match e {
                egui::Event::Key {
                    key, pressed: true, ..
                } => Some(*key),
                _ => None,
            });
            if k.is_some() {
                i.events.retain(|e| !matches!(e, egui::Event::Key { .. }));
            }
            k
        });
        if let Some(to) = got {
            field.rebinding = None;
            if to == Key::Escape && from != Key::Escape {
                // Kept as it was.
            } else if let Some(other) = ui::keys::conflict(&st.prefs.keys, from, to) {
                out.push(Do::Say(Some(g.tf(
                    "settings.keys.taken",
                    &[
                        ("key", ui::key_name(ui.ctx(), to)),
                        ("other", ui::key_name(ui.ctx(), other)),
                    ],
                ))));
            } else {
                st.prefs
                    .keys
                    .retain(|(a, _)| Key::from_name(a) != Some(from));
                if to != from {
                    st.prefs
                        .keys
                        .push((from.name().to_string(), to.name().to_string()));
                }
                let what = describe_key(g, from, what_key(from));
                out.push(Do::Say(Some(g.tf(
                    "settings.keys.done",
                    &[("key", ui::key_name(ui.ctx(), to)), ("what", what)],
                ))));
            }
        }
    }
    ui::keys::capture(ui.ctx(), field.rebinding.is_some());
    if !field.keys_open {
        return;
    }
    egui::Grid::new("keys")
        .num_columns(3)
        .min_col_width(150.0)
        .spacing([24.0, 6.0])
        .show(ui, |ui| {
            for (from, what) in keys_listed() {
                let what = describe_key(g, from, what);
                ui.label(&what);
                let now = st
                    .prefs
                    .keys
                    .iter()
                    .find(|(a, _)| Key::from_name(a) == Some(from))
                    .and_then(|(_, b)| Key::from_name(b))
                    .unwrap_or(from);
                ui.add(
                    egui::Label::new(RichText::new(format!("[{}]", ui::keys::name(now))).strong())
                        .extend(),
                );
                let waiting = field.rebinding == Some(from);
                let label = if waiting {
                    g.t("settings.keys.press")
                } else {
                    g.t("settings.keys.change")
                };
                let b = ui.add(egui::Button::selectable(waiting, label));
                crate::access::name(
                    &b,
                    egui::WidgetType::Button,
                    &format!("{}: {what}", g.t("settings.keys.change")),
                );
                if b.clicked() {
                    b.surrender_focus();
                    field.rebinding = if waiting { None } else { Some(from) };
                } else if waiting && ui.input(|i| i.pointer.any_pressed()) && !b.hovered() {
                    // A click anywhere else leaves the row: the change is given up.
                    field.rebinding = None;
                }
                ui.end_row();
            }
        });
    if !st.prefs.keys.is_empty() && ui.button(g.t("settings.keys.reset")).clicked() {
        st.prefs.keys.clear();
    }
}

/// Every key the game reads, the ones that work everywhere first (with what they do), then
/// each screen's letters, digits and the rest (what they do is on the buttons that show
/// them).
fn keys_listed() -> Vec<(Key, Option<&'static str>)> {
    let mut all: Vec<(Key, Option<&'static str>)> = ui::keys::REBINDABLE
        .iter()
        .map(|(k, w)| (*k, Some(*w)))
        .collect();
    for k in ui::keys::USED {
        if !all.iter().any(|(a, _)| *a == k) {
            all.push((k, None));
        }
    }
    all
}

fn what_key(k: Key) -> Option<&'static str> {
    ui::keys::REBINDABLE
        .iter()
        .find(|(a, _)| *a == k)
        .map(|(_, w)| *w)
}

/// What a key does, in words: its job for a key that works everywhere, else "what the
/// buttons marked [A] do".
fn describe_key(g: &View, k: Key, what: Option<&str>) -> String {
    match what {
        Some(w) => g.t(w),
        None => g.tf("keys.marked", &[("key", ui::keys::name(k))]),
    }
}

/// The digit keys of the settings (not while the class code is being typed); true when
/// [5] asks for the class-code field.
fn keys(ctx: &egui::Context, st: &mut Settings) -> bool {
    let mut focus_next = false;
    // While the class code is being typed, digits are letters of the code.
    let typing = ctx.memory(|m| m.focused().is_some());
    if !typing && ui::pressed(ctx, Key::Num5) {
        focus_next = true;
    }
    if !typing && ui::pressed(ctx, Key::Num6) {
        let k = DAY_CHOICES
            .iter()
            .position(|d| *d == st.setup.days)
            .unwrap_or(0);
        st.setup.days = DAY_CHOICES[(k + 1) % DAY_CHOICES.len()];
    }
    if typing {
        return focus_next;
    }
    if ui::pressed(ctx, Key::Num1) {
        st.prefs.facts = !st.prefs.facts;
    }
    if ui::pressed(ctx, Key::Num7) {
        st.setup.guide = !st.setup.guide;
        st.setup.guide_seen = 0;
    }
    if ui::pressed(ctx, Key::Num2) {
        st.prefs.text_speed = match st.prefs.text_speed {
            TextSpeed::Slow => TextSpeed::Normal,
            TextSpeed::Normal => TextSpeed::Instant,
            TextSpeed::Instant => TextSpeed::Slow,
        };
    }
    if ui::pressed(ctx, Key::Num3) {
        st.prefs.no_timer = !st.prefs.no_timer;
    }
    if ui::pressed(ctx, Key::Num8) {
        st.prefs.reduce_motion = !st.prefs.reduce_motion;
    }
    if ui::pressed(ctx, Key::H) {
        st.prefs.high_contrast = !st.prefs.high_contrast;
    }
    if ui::pressed(ctx, Key::B) {
        st.setup.check = !st.setup.check;
    }
    if ui::pressed(ctx, Key::W) {
        st.setup.later = !st.setup.later;
    }
    if ui::pressed(ctx, Key::R) {
        let all = crate::settings::Arm::ALL;
        let at = all.iter().position(|a| *a == st.setup.arm).unwrap_or(0);
        st.setup.arm = all[(at + 1) % all.len()];
    }
    if ui::pressed(ctx, Key::L) {
        st.prefs.lock_intensity = !st.prefs.lock_intensity;
    }
    if ui::pressed(ctx, Key::Num9) {
        st.prefs.sound = !st.prefs.sound;
    }
    // Louder in steps of two, round to silent again.
    if ui::pressed(ctx, Key::Num0) {
        st.prefs.sound = true;
        st.prefs.volume = if st.prefs.volume >= 10 {
            0
        } else {
            (st.prefs.volume + 2).min(10)
        };
    }
    if ui::pressed(ctx, Key::Num4) {
        st.prefs.intensity = if st.prefs.intensity == Intensity::Full {
            Intensity::Gentle
        } else {
            Intensity::Full
        };
    }
    focus_next
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Tr;
    use crate::screens::shared::{frame, names};
    use crate::session::Session;

    /// One frame of the settings with `keys` pressed: the settings after, what else it asked.
    fn press(
        st: &Settings,
        s: Option<&Session>,
        field: &mut SettingsUi,
        keys: &[Key],
    ) -> (Settings, Vec<Do>, Vec<String>) {
        let tr = Tr::load();
        let mut after = st.clone();
        let mut out = Vec::new();
        let shown = frame(keys, true, |ui| {
            out = body(ui, &View::new(&tr, st, s), &mut after, field);
        });
        (after, out, names(&shown))
    }

    #[test]
    fn each_settings_key_changes_its_row() {
        let st = Settings::default();
        let mut field = SettingsUi::default();
        let mut key = |k: Key| press(&st, None, &mut field, &[k]).0;
        assert_eq!(key(Key::Num1).prefs.facts, !st.prefs.facts);
        assert_eq!(key(Key::Num7).setup.guide, !st.setup.guide);
        assert_eq!(key(Key::Num2).prefs.text_speed, TextSpeed::Instant);
        assert_eq!(key(Key::Num3).prefs.no_timer, !st.prefs.no_timer);
        assert_eq!(key(Key::H).prefs.high_contrast, !st.prefs.high_contrast);
        assert_eq!(key(Key::Num8).prefs.reduce_motion, !st.prefs.reduce_motion);
        assert_eq!(key(Key::Num9).prefs.sound, !st.prefs.sound);
        assert_eq!(key(Key::Num0).prefs.volume, st.prefs.volume + 2);
        assert_eq!(key(Key::Num4).prefs.intensity, Intensity::Full);
        assert_eq!(key(Key::L).prefs.lock_intensity, !st.prefs.lock_intensity);
        assert_eq!(key(Key::Num6).setup.days, Some(5));
        assert_eq!(key(Key::B).setup.check, !st.setup.check);
        // 5 takes the class code's field (on the next frame); Esc closes the page.
        let (_, out, _) = press(&st, None, &mut field, &[Key::Num5]);
        assert_eq!(out, vec![Do::FocusCode(true)]);
        let (after, out, _) = press(&st, None, &mut field, &[Key::Escape]);
        assert_eq!((after, out), (st.clone(), vec![Do::Open(Overlay::None)]));
    }

    #[test]
    fn a_game_can_be_left_and_a_key_changed() {
        let st = Settings::default();
        let mut field = SettingsUi::default();
        // Q leaves a game in play for the title (it is saved as it is); not on the title.
        let s = Session::new("01", 7).expect("level 1");
        let (_, out, shown) = press(&st, Some(&s), &mut field, &[Key::Q]);
        assert_eq!(out, vec![Do::Open(Overlay::None), Do::EndGame]);
        assert!(shown.iter().any(|n| n.starts_with("[Q] ")), "{shown:?}");
        assert!(press(&st, None, &mut field, &[Key::Q]).1.is_empty());
        // K opens the player's keys; a change waits for the next key and keeps it.
        press(&st, None, &mut field, &[Key::K]);
        assert!(field.keys_open);
        let (_, _, shown) = press(&st, None, &mut field, &[]);
        let change = Tr::load().get(Lang::En, "settings.keys.change").to_string();
        assert!(shown.iter().any(|n| n.starts_with(&change)), "{shown:?}");
        field.rebinding = Some(Key::Enter);
        let (after, out, _) = press(&st, None, &mut field, &[Key::Home]);
        assert_eq!(
            after.prefs.keys,
            vec![("Enter".to_string(), "Home".to_string())]
        );
        assert!(matches!(&out[..], [Do::Say(Some(_))]), "{out:?}");
        assert_eq!(field.rebinding, None);
    }
}
