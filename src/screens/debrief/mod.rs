//! The debrief: her record, money and the phone by evening, the timeline of her choices,
//! merchants who played like her, real people's cases, what the game simplifies, and
//! questions for the room.

use super::shared::{Shared, View, card_block, source_line};
use super::*;
use crate::rules::*;
use crate::session::Session;
use crate::ui;
use bevy_egui::egui::{self, Key, RichText};

mod charts;
use charts::charts;

/// What the debrief works out once for a finished game.
#[derive(Resource)]
struct Debrief {
    report: Option<crate::report::Report>,
    peers: crate::sim::Summary,
}

/// The end of a game as the class runs it: whether the report went out (and with the check
/// after it or before), and whether leaving was asked once. Kept across the check after the
/// game; made anew at each ending.
#[derive(Resource, Default, Clone, Debug, PartialEq)]
pub(super) struct End {
    /// The game these are of (its identity).
    pub game: String,
    /// Exported, with the check after the game answered (true) or still to come (false).
    pub exported: Option<bool>,
    pub leave_asked: bool,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<End>()
        .add_systems(
            OnEnter(Screen::Ending),
            |mut end: ResMut<End>, s: Option<Res<Session>>| {
                // Another game's end starts afresh; the same game's (continued) keeps its export.
                let game = s.map(|s| s.id().to_string()).unwrap_or_default();
                if end.game != game || game.is_empty() {
                    end.set_if_neq(End {
                        game,
                        ..End::default()
                    });
                }
            },
        )
        .add_systems(OnEnter(Screen::Debrief), prepare)
        .add_systems(OnExit(Screen::Debrief), |mut c: Commands| {
            c.remove_resource::<Debrief>()
        })
        .add_systems(
            EguiPrimaryContextPass,
            draw.in_set(Pass::Screen).run_if(on(Screen::Debrief)),
        );
}

/// Games the simulator plays for "merchants who played like you".
const PEER_RUNS: u32 = 2000;

/// Worked out once, on arriving: her report (the timeline) and how merchants who played
/// like her fared (the simulator plays a few thousand games).
fn prepare(
    mut commands: Commands,
    session: Option<Res<Session>>,
    settings: Res<Settings>,
    tr: Res<crate::i18n::Tr>,
) {
    let Some(s) = session else { return };
    let report = crate::report::build(&s.state().world, &s.save(), settings.prefs.lang, &tr).ok();
    let strategy = crate::sim::closest_strategy(s.state());
    let peers = crate::sim::simulate(&s.state().world, strategy, PEER_RUNS, s.seed());
    commands.insert_resource(Debrief { report, peers });
}

/// The spread of endings among simulated merchants who played like her.
fn peers(
    g: &View,
    ui: &mut egui::Ui,
    p: &crate::sim::Summary,
    hers: Option<Ending>,
    her_title: &str,
) {
    ui::subheading(ui, &g.t("debrief.peers"));
    let name = g.t(&format!("debrief.peers.{}", p.strategy.name()));
    ui.label(g.tf(
        "debrief.peers.intro",
        &[("n", p.runs.to_string()), ("style", name)],
    ));
    for e in ENDINGS {
        let share = p.share(e);
        if share == 0.0 && Some(e) != hers {
            continue;
        }
        ui.horizontal_wrapped(|ui| {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(160.0, 14.0), egui::Sense::hover());
            let painter = ui.painter_at(rect);
            painter.rect_stroke(
                rect,
                2.0,
                egui::Stroke::new(1.0, ui::dim(ui)),
                egui::StrokeKind::Inside,
            );
            let mut bar = rect;
            bar.set_width(rect.width() * share as f32);
            painter.rect_filled(
                bar,
                2.0,
                // Hers in amber (red is the state's and danger's), marked "← you" too.
                if Some(e) == hers {
                    ui::amber(ui)
                } else {
                    ui::blue(ui)
                },
            );
            let title = ending::ending_title(g, e);
            let mine = if Some(e) == hers && her_title != title {
                // Her own words where they differ ("The family got by").
                format!(" ← {} ({her_title})", g.t("debrief.peers.you"))
            } else if Some(e) == hers {
                format!(" ← {}", g.t("debrief.peers.you"))
            } else {
                String::new()
            };
            ui.label(RichText::new(format!("{:.0}% {title}{mine}", 100.0 * share)).size(ui::SMALL));
        });
    }
    ui.label(
        RichText::new(g.tf("debrief.peers.worth", &[("money", won(p.median_worth))]))
            .size(ui::SMALL)
            .color(ui::dim(ui)),
    );
    // Their families beside hers.
    ui.label(
        RichText::new(g.tf(
            "debrief.peers.family",
            &[
                ("hungry", format!("{:.0}", 100.0 * p.hungry_share())),
                ("meagre", format!("{:.1}", p.mean_meals_skipped)),
                ("school", format!("{:.1}", p.mean_school_missed)),
                ("memories", format!("{:.1}", p.mean_memories_deleted)),
            ],
        ))
        .size(ui::SMALL),
    );
}

fn draw(mut g: Shared, debrief: Option<Res<Debrief>>, mut end: ResMut<End>) -> Result {
    let ctx = g.ctx()?;
    let lang = g.lang();
    let message = g.message.0.clone();
    let mut now = end.clone();
    let mut chose = Chose::default();
    let mut root = ui::root(&ctx);
    egui::CentralPanel::default().show(&mut root, |ui| {
        chose = body(
            ui,
            &g.view(),
            debrief.as_deref(),
            &mut now,
            message.as_deref(),
        );
    });
    // What only the platform does: the report written out as a file.
    if chose.export
        && let Some(s) = g.session.as_ref()
    {
        let pending = check_pending(&g.view(), s);
        // The debrief's report, unless the language changed since it was made.
        let cached = debrief.as_ref().and_then(|d| d.report.as_ref());
        let result = match cached {
            Some(r) if r.lang == crate::report::lang_code(lang) => {
                crate::platform::export_report(r, &g.tr)
            }
            _ => crate::report::build(&s.state().world, &s.save(), lang, &g.tr)
                .and_then(|r| crate::platform::export_report(&r, &g.tr)),
        };
        let line = match result {
            Ok(place) => {
                now.exported = Some(!pending);
                now.leave_asked = false;
                // Exported before the check after the game: the later export replaces it.
                let key = if pending {
                    "report.exported_early"
                } else {
                    "report.exported"
                };
                g.tf(key, &[("where", place)])
            }
            Err(why) => g.tf("report.export_failed", &[("why", why)]),
        };
        g.send(Do::Say(Some(line)));
    }
    // After the export: a report just written lets her leave at once.
    if chose.leave {
        let class = g.session.as_ref().is_some_and(|s| s.class_code().is_some());
        chose.out.extend(leave(&mut now, class));
    }
    end.set_if_neq(now);
    for d in chose.out {
        g.send(d);
    }
    Ok(())
}

/// T on the debrief: a class's game leaves without its report only when asked twice.
fn leave(end: &mut End, class: bool) -> Option<Do> {
    if class && end.exported.is_none() && !end.leave_asked {
        end.leave_asked = true;
        None
    } else {
        Some(Do::EndGame)
    }
}

/// The class's check after the game is still to come (asked before it, with a class code).
fn check_pending(g: &View, s: &Session) -> bool {
    s.class_code().is_some()
        && g.settings.setup.check
        && !s.state().lv().check.is_empty()
        && !s.check().after_done
}

/// What the debrief's keys chose: the export (the platform's to do), leaving (judged after
/// the export: see [`leave`]) and the rest.
#[derive(Default, Debug, PartialEq)]
struct Chose {
    export: bool,
    leave: bool,
    out: Vec<Do>,
}

/// The debrief: its keys in the class's order (the check after the game, the export, the
/// title; never Enter, which a student presses out of habit), then her record and the talk
/// beside it. `end`: what was exported and whether leaving was asked (shown).
fn body(
    ui: &mut egui::Ui,
    g: &View,
    debrief: Option<&Debrief>,
    end: &mut End,
    message: Option<&str>,
) -> Chose {
    let mut chose = Chose::default();
    let Some(s) = g.session else {
        return chose;
    };
    let mut check = false;
    ui::heading(ui, &g.t("debrief.heading"));
    let asked =
        s.class_code().is_some() && g.settings.setup.check && !s.state().lv().check.is_empty();
    let pending = check_pending(g, s);
    ui.horizontal_wrapped(|ui| {
        if pending {
            check = ui::key_button(ui, Key::A, &format!("1. {}", g.t("check.again")));
            chose.export = ui::key_button(ui, Key::X, &format!("2. {}", g.t("report.export")));
        } else {
            chose.export = ui::key_button(ui, Key::X, &g.t("report.export"));
        }
        chose.leave = ui::key_button(ui, Key::T, &g.t("debrief.title"));
    });
    if asked && !pending && !s.check().after.is_empty() && end.exported != Some(true) {
        ui.label(RichText::new(g.t("check.again_done")).color(ui::dim(ui)));
    }
    if end.leave_asked {
        ui.label(
            RichText::new(g.t("debrief.leave_unexported"))
                .strong()
                .color(ui::red(ui)),
        );
    }
    // Where the report went can be a long path: its own line, wrapped.
    if let Some(m) = message {
        ui.add(egui::Label::new(RichText::new(m).size(ui::SMALL).color(ui::dim(ui))).wrap());
    }
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.columns(2, |cols| {
            // (Left-aligned, not justified: egui's columns spread a wrapped line's words
            // across its width, with wide gaps.)
            let left = egui::Layout::top_down(egui::Align::LEFT);
            cols[0].with_layout(left, |ui| record(g, ui, s, debrief));
            cols[1].with_layout(left, |ui| talk(g, ui, s, debrief));
        });
    });
    if check {
        chose.out.push(Do::Check(crate::check::Phase::After));
    }
    chose
}

/// The left column: her record, the charts by evening, the timeline, the simplifications.
fn record(g: &View, ui: &mut egui::Ui, s: &Session, debrief: Option<&Debrief>) {
    let lang = g.lang();
    let st = &s.state();
    let r = &st.record;
    ui::subheading(ui, &g.t("debrief.record"));
    let lines = [
        g.tf(
            "debrief.l.inspections",
            &[
                ("n", r.inspections.to_string()),
                ("caught", r.caught.to_string()),
            ],
        ),
        g.tf(
            "debrief.l.bribes",
            &[
                ("money", won(r.bribes_paid_won)),
                ("offered", r.bribes_offered.to_string()),
                ("refused", r.bribes_refused.to_string()),
            ],
        ),
        g.tf(
            "debrief.l.taken",
            &[
                ("items", r.items_confiscated.to_string()),
                ("phones", r.phones_lost.to_string()),
            ],
        ),
        g.tf(
            "debrief.l.deleted",
            &[
                ("mine", r.deleted.to_string()),
                ("auto", r.auto_deleted.to_string()),
            ],
        ),
        g.tf("debrief.l.forwarded", &[("fwd", r.forwarded.to_string())]),
        crate::report::family_line(r.family(), lang, g.tr),
        g.tf(
            "debrief.l.family",
            &[
                ("school", r.school_missed.to_string()),
                ("memories", r.memories_deleted.to_string()),
                ("loans", r.loans.to_string()),
            ],
        ),
        g.tf("debrief.l.worth", &[("money", won(st.net_worth()))]),
    ];
    // The family's memories she deleted, by name (the report replayed them).
    let memories = debrief
        .and_then(|d| d.report.as_ref())
        .filter(|r| !r.memories.is_empty())
        .map(|r| g.tf("debrief.l.memories", &[("names", r.memories.join(", "))]));
    for l in lines {
        ui.label(l);
    }
    if let Some(m) = memories {
        ui.label(RichText::new(m).color(ui::red(ui)));
    }
    ui.add_space(8.0);
    charts(g, ui, &st.ledgers);
    ui.add_space(8.0);
    ui::subheading(ui, &g.t("debrief.timeline"));
    match debrief.and_then(|d| d.report.as_ref()) {
        Some(rep) if !rep.choices.is_empty() => {
            // In the page itself, which scrolls: no box of three lines inside it (issue 31,
            // point 17). One line a choice, the day named once where it changes.
            let mut day = 0;
            for c in &rep.choices {
                if c.day != day {
                    day = c.day;
                    ui.label(
                        RichText::new(g.tr.day(g.lang(), day as usize))
                            .size(ui::SMALL)
                            .strong(),
                    );
                }
                let kind = g.t(&format!("report.k.{}", c.kind.key()));
                ui.label(
                    RichText::new(format!("   {} · {}  {}", c.time, kind, c.what)).size(ui::SMALL),
                );
            }
        }
        _ => {
            ui.label(RichText::new(g.t("report.no_choices")).color(ui::dim(ui)));
        }
    }
    ui.add_space(8.0);
    ui::subheading(ui, &g.t("debrief.simplifies"));
    for t in &st.lv().simplifications {
        ui.label(format!("• {}", t.get(lang)));
    }
}

/// The right column: merchants like her, questions, real people's cases, the cards met.
fn talk(g: &View, ui: &mut egui::Ui, s: &Session, debrief: Option<&Debrief>) {
    let lang = g.lang();
    let st = &s.state();
    if let Some(d) = debrief {
        let her_title = st.ending.map_or(String::new(), |e| {
            crate::report::ending_words(e, st.record.family(), true, lang, g.tr).0
        });
        peers(g, ui, &d.peers, st.ending, &her_title);
        ui.add_space(8.0);
    }
    ui::subheading(ui, &g.t("debrief.questions"));
    for q in crate::content::debrief_questions(st.lv()) {
        ui.label(format!("• {}", g.t(q)));
    }
    ui.add_space(8.0);
    {
        let cat = &st.world.catalog;
        // What happened to real people in situations like hers, cited.
        let real = crate::content::REAL_PEOPLE
            .iter()
            .filter(|id| st.lv().facts.iter().any(|f| f == *id));
        // And the check's cards the game ended too soon to show, whole.
        for (key, ids) in [
            (
                "debrief.real",
                real.map(|id| id.to_string()).collect::<Vec<_>>(),
            ),
            ("debrief.late", s.late_cards().to_vec()),
        ] {
            let cards: Vec<&FactCard> = ids
                .iter()
                .filter_map(|id| cat.cards.iter().find(|c| &c.id == id))
                .collect();
            if !cards.is_empty() {
                ui::subheading(ui, &g.t(key));
                for card in cards {
                    card_block(ui, g, cat, card, ui::BODY);
                }
                ui.add_space(8.0);
            }
        }
        ui::subheading(ui, &g.t("debrief.facts"));
        for id in s.facts_seen() {
            if let Some(card) = cat.cards.iter().find(|c| &c.id == id) {
                ui.label(RichText::new(card.shown(g.gentle()).0.get(lang)).strong());
                ui.label(
                    RichText::new(source_line(g.tr, lang, cat, card))
                        .size(ui::SMALL)
                        .color(ui::dim(ui)),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Tr;
    use crate::screens::shared::{frame, names};

    fn press(s: &Session, end: &mut End, keys: &[Key]) -> (Chose, Vec<String>) {
        let tr = Tr::load();
        let st = Settings::default();
        let mut chose = Chose::default();
        let out = frame(keys, true, |ui| {
            chose = body(ui, &View::new(&tr, &st, Some(s)), None, end, None);
        });
        (chose, names(&out))
    }

    /// A class's finished game: the check after it first (A), the export (X), and the
    /// title (T), leaving only when asked twice without a report; never Enter.
    #[test]
    fn the_debrief_keys_follow_the_class_order() {
        let mut s = Session::for_class("01", 7, "MAPLE7", Some(5)).expect("level 1");
        while s.state().ending.is_none() {
            s.close_card(true);
            s.act(Action::EndDay);
        }
        let mut end = End::default();
        let (chose, shown) = press(&s, &mut end, &[Key::A]);
        assert_eq!(chose.out, vec![Do::Check(crate::check::Phase::After)]);
        assert!(shown.iter().any(|n| n.starts_with("[X] 2. ")), "{shown:?}");
        assert!(press(&s, &mut end, &[Key::X]).0.export);
        assert_eq!(press(&s, &mut end, &[Key::Enter]).0, Chose::default());
        assert!(press(&s, &mut end, &[Key::T]).0.leave);
        // A class's game leaves without its report only when asked twice; once exported,
        // at once; a game without a class, at once.
        assert_eq!(leave(&mut end, true), None);
        assert!(end.leave_asked, "asked once");
        assert_eq!(leave(&mut end, true), Some(Do::EndGame), "asked twice");
        let mut end = End {
            exported: Some(false),
            ..End::default()
        };
        assert_eq!(leave(&mut end, true), Some(Do::EndGame));
        assert_eq!(leave(&mut End::default(), false), Some(Do::EndGame));
    }
}
