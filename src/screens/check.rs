//! The class's before/after check (`crate::check`): one question at a time, answered with a
//! number key or skipped. Before the first day a fact question is only noted (the card's
//! source is named; its answer waits for the game); after the debrief the card itself is
//! shown. Then on to the briefing, or back to the debrief.

use super::shared::{Shared, View, source_line};
use super::*;
use crate::check::{Phase, Question};
use crate::ui;
use bevy_egui::egui::{self, Key, RichText};

/// Where the check is: which one, which question, and what was just answered (shown until
/// Next).
#[derive(Resource, Clone, Debug, PartialEq)]
pub struct CheckUi {
    pub phase: Phase,
    pub at: usize,
    pub answered: Option<u8>,
}

impl Default for CheckUi {
    fn default() -> Self {
        CheckUi {
            phase: Phase::Before,
            at: 0,
            answered: None,
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<CheckUi>().add_systems(
        EguiPrimaryContextPass,
        draw.in_set(Pass::Screen).run_if(on(Screen::Check)),
    );
}

const DIGITS: [Key; 5] = [Key::Num1, Key::Num2, Key::Num3, Key::Num4, Key::Num5];

fn draw(mut g: Shared, mut cu: ResMut<CheckUi>) -> Result {
    let ctx = g.ctx()?;
    let mut out = Vec::new();
    let mut root = ui::root(&ctx);
    title::centered(&mut root, 720.0, |ui| {
        title::wrap(ui);
        out = body(ui, &g.view(), &mut cu);
    });
    for d in out {
        g.send(d);
    }
    Ok(())
}

/// One question of the check at a time: a digit answers it (and shows what was noted), S
/// skips it, Enter goes on, Esc skips the rest; the last one finishes the check. Returns the
/// answers and the end, in order.
fn body(ui: &mut egui::Ui, g: &View, cu: &mut CheckUi) -> Vec<Do> {
    let mut out: Vec<Do> = Vec::new();
    let Some(s) = g.session else {
        return out;
    };
    let questions =
        crate::check::questions(&s.state().world, s.check_form(cu.phase), g.lang(), g.tr);
    let phase = cu.phase;
    let mut next = false;
    ui::heading(
        ui,
        &g.t(match phase {
            Phase::Before if s.reading() => "check.heading.before_reading",
            Phase::Before => "check.heading.before",
            Phase::After if s.reading() => "check.heading.after_reading",
            Phase::After => "check.heading.after",
            Phase::Later => "check.heading.later",
        }),
    );
    ui.add_space(6.0);
    let intro = match phase {
        Phase::Before => "check.intro",
        Phase::After if s.reading() => "check.intro_after_reading",
        Phase::After => "check.intro_after",
        Phase::Later => "check.intro_later",
    };
    ui.label(RichText::new(g.t(intro)).color(ui::dim(ui)));
    ui.add_space(14.0);
    let Some(q) = questions.get(cu.at) else {
        return out;
    };
    ui.label(
        RichText::new(g.tf(
            "check.of",
            &[
                ("n", (cu.at + 1).to_string()),
                ("total", questions.len().to_string()),
            ],
        ))
        .color(ui::dim(ui)),
    );
    ui.label(
        RichText::new(g.t(q.prompt_key()))
            .size(ui::SMALL)
            .color(ui::dim(ui)),
    );
    ui.add_space(4.0);
    ui::subheading(ui, &q.ask);
    ui.add_space(8.0);
    match cu.answered {
        None => {
            // (An earlier answer is not lit: a student would read it as the right one.)
            for (k, option) in q.options.iter().enumerate() {
                let r =
                    ui::keycap::button(ui, &(k + 1).to_string(), option, None, Some(false), |b| {
                        b.wrap()
                    });
                // Every question the same way: a number answers, Enter goes on.
                if r.clicked() || DIGITS.get(k).is_some_and(|d| ui::pressed(ui.ctx(), *d)) {
                    out.push(Do::Answer(phase, q.id.clone(), answer_of(q, k)));
                    cu.answered = Some(answer_of(q, k));
                }
            }
            ui.add_space(12.0);
            ui.horizontal(|ui| {
                if ui::key_button(ui, Key::S, &g.t("check.skip")) {
                    next = true;
                }
                if ui::key_button(ui, Key::Escape, &g.t("check.skip_all")) {
                    out.push(Do::FinishCheck(phase));
                }
            });
        }
        Some(a) => {
            feedback(g, ui, s, q, a, phase);
            ui.add_space(12.0);
            if ui::key_button(ui, Key::Enter, &g.t("check.next")) {
                next = true;
            }
        }
    }
    if next {
        cu.answered = None;
        cu.at += 1;
        if cu.at >= questions.len() {
            out.push(Do::FinishCheck(phase));
        }
    }
    out
}

/// What the player picked, as stored: a fact option's index, a view's step (1–5).
fn answer_of(q: &Question, k: usize) -> u8 {
    if q.is_fact() { k as u8 } else { k as u8 + 1 }
}

/// After a fact question: before the game, the card's source only; after it, the card.
fn feedback(
    g: &View,
    ui: &mut egui::Ui,
    s: &crate::session::Session,
    q: &Question,
    a: u8,
    phase: Phase,
) {
    if !q.is_fact() {
        // A view: what was picked, and nothing to judge.
        let chosen = q
            .options
            .get((a as usize).saturating_sub(1))
            .cloned()
            .unwrap_or_default();
        ui.label(RichText::new(chosen).strong());
        ui.label(RichText::new(g.t("check.noted_view")).color(ui::dim(ui)));
        return;
    }
    let cat = &s.state().world.catalog;
    let Some(card) = q
        .fact
        .as_ref()
        .and_then(|f| cat.cards.iter().find(|c| &c.id == f))
    else {
        return;
    };
    let source = source_line(g.tr, g.lang(), cat, card);
    let chosen = q.options.get(a as usize).cloned().unwrap_or_default();
    ui.label(RichText::new(chosen).strong());
    ui.add_space(6.0);
    match phase {
        Phase::Before => {
            let key = if s.reading() {
                "check.noted_reading"
            } else {
                "check.noted"
            };
            ui.label(g.tf(key, &[("source", source)]));
        }
        Phase::After | Phase::Later => {
            let right = q.right == Some(a as usize);
            ui.label(
                RichText::new(g.t(if right {
                    "check.was_right"
                } else {
                    "check.was_not"
                }))
                .strong()
                .color(if right { ui::ink(ui) } else { ui::red(ui) }),
            );
            super::shared::card_block(ui, g, cat, card, ui::BODY);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Tr;
    use crate::rules::Lang;
    use crate::screens::shared::{frame, names};
    use crate::session::Session;

    fn press(s: &Session, cu: &mut CheckUi, keys: &[Key]) -> (Vec<Do>, Vec<String>) {
        let tr = Tr::load();
        let mut st = Settings::default();
        st.prefs.lang = Lang::Ko;
        let mut out = Vec::new();
        let shown = frame(keys, true, |ui| {
            out = body(ui, &View::new(&tr, &st, Some(s)), cu)
        });
        (out, names(&shown))
    }

    /// A class's check before the first day: 1 answers the first question and shows it
    /// noted, Enter goes on; S skips; the last question finishes the check; Esc skips the rest.
    #[test]
    fn a_digit_answers_enter_goes_on_and_the_last_finishes() {
        let s = Session::for_class("01", 7, "MAPLE7", Some(5)).expect("level 1");
        let tr = Tr::load();
        let n =
            crate::check::questions(&s.state().world, s.check_form(Phase::Before), Lang::Ko, &tr)
                .len();
        assert!(n >= 3, "the check has questions");
        let mut cu = CheckUi::default();
        let (out, _) = press(&s, &mut cu, &[Key::Num1]);
        let Some(Do::Answer(Phase::Before, id, _)) = out.first() else {
            panic!("{out:?}")
        };
        assert!(!id.is_empty() && cu.answered.is_some());
        let (out, shown) = press(&s, &mut cu, &[Key::Enter]);
        assert!(
            out.is_empty() && cu.at == 1 && cu.answered.is_none(),
            "{shown:?}"
        );
        press(&s, &mut cu, &[Key::S]);
        assert_eq!(cu.at, 2);
        cu.at = n - 1;
        let (out, _) = press(&s, &mut cu, &[Key::S]);
        assert_eq!(out, vec![Do::FinishCheck(Phase::Before)]);
        let mut cu = CheckUi::default();
        assert_eq!(
            press(&s, &mut cu, &[Key::Escape]).0,
            vec![Do::FinishCheck(Phase::Before)]
        );
    }
}
