//! The debrief: her record, money and the phone by evening, the timeline of her choices,
//! merchants who played like her, real people's cases, what the game simplifies, and
//! questions for the room.

use super::shared::{Shared, card_block, source_line};
use super::*;
use crate::rules::*;
use crate::session::Session;
use crate::ui;
use bevy_egui::egui::{self, Key, RichText};

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
                let game = s.map(|s| s.id.clone()).unwrap_or_default();
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
    let report = crate::report::build(&s.state.world, &s.save(), settings.lang, &tr).ok();
    let strategy = crate::sim::closest_strategy(&s.state);
    let peers = crate::sim::simulate(&s.state.world, strategy, PEER_RUNS, s.seed);
    commands.insert_resource(Debrief { report, peers });
}

/// The spread of endings among simulated merchants who played like her.
fn peers(
    g: &Shared,
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
                egui::Stroke::new(1.0, ui::dim()),
                egui::StrokeKind::Inside,
            );
            let mut bar = rect;
            bar.set_width(rect.width() * share as f32);
            painter.rect_filled(
                bar,
                2.0,
                if Some(e) == hers {
                    ui::red()
                } else {
                    ui::blue()
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
            .color(ui::dim()),
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
    let (mut leave, mut export, mut check) = (false, false, false);
    let mut root = ui::root(&ctx);
    egui::CentralPanel::default().show(&mut root, |ui| {
        let Some(s) = g.session.as_ref() else { return };
        ui::heading(ui, &g.t("debrief.heading"));
        // The order of the class: the check after the game (when it was asked before: its
        // answers go into the report), then the export, then the title, on keys of their
        // own (never Enter, which a student presses out of habit).
        let asked = s.class_code.is_some() && g.settings.check && !s.state.lv().check.is_empty();
        let pending = asked && !s.check.after_done;
        ui.horizontal_wrapped(|ui| {
            if pending {
                check = ui::key_button(ui, Key::A, &format!("1. {}", g.t("check.again")));
                export = ui::key_button(ui, Key::X, &format!("2. {}", g.t("report.export")));
            } else {
                export = ui::key_button(ui, Key::X, &g.t("report.export"));
            }
            leave = ui::key_button(ui, Key::T, &g.t("debrief.title"));
        });
        if asked && !pending && !s.check.after.is_empty() && end.exported != Some(true) {
            ui.label(RichText::new(g.t("check.again_done")).color(ui::dim()));
        }
        if end.leave_asked {
            ui.label(
                RichText::new(g.t("debrief.leave_unexported"))
                    .strong()
                    .color(ui::red()),
            );
        }
        // Where the report went can be a long path: its own line, wrapped.
        if let Some(m) = &g.message.0 {
            ui.add(egui::Label::new(RichText::new(m).size(ui::SMALL).color(ui::dim())).wrap());
        }
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.columns(2, |cols| {
                record(&g, &mut cols[0], s, debrief.as_deref());
                talk(&g, &mut cols[1], s, debrief.as_deref());
            });
        });
    });
    let pending = g.session.as_ref().is_some_and(|s| {
        s.class_code.is_some()
            && g.settings.check
            && !s.state.lv().check.is_empty()
            && !s.check.after_done
    });
    if export && let Some(s) = g.session.as_ref() {
        // The debrief's report, unless the language changed since it was made.
        let cached = debrief.as_ref().and_then(|d| d.report.as_ref());
        let result = match cached {
            Some(r) if r.lang == crate::report::lang_code(lang) => {
                crate::platform::export_report(r, &g.tr)
            }
            _ => crate::report::build(&s.state.world, &s.save(), lang, &g.tr)
                .and_then(|r| crate::platform::export_report(&r, &g.tr)),
        };
        let line = match result {
            Ok(place) => {
                end.exported = Some(!pending);
                end.leave_asked = false;
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
    if check {
        g.send(Do::Check(crate::check::Phase::After));
    }
    if leave {
        // A class's game leaves without its report only when asked twice.
        let class = g.session.as_ref().is_some_and(|s| s.class_code.is_some());
        if class && end.exported.is_none() && !end.leave_asked {
            end.leave_asked = true;
        } else {
            g.send(Do::EndGame);
        }
    }
    Ok(())
}

/// The left column: her record, the charts by evening, the timeline, the simplifications.
fn record(g: &Shared, ui: &mut egui::Ui, s: &Session, debrief: Option<&Debrief>) {
    let lang = g.lang();
    let st = &s.state;
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
        crate::report::family_line(r.family(), lang, &g.tr),
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
    for l in lines {
        ui.label(l);
    }
    ui.add_space(8.0);
    charts(g, ui, &st.ledgers);
    ui.add_space(8.0);
    ui::subheading(ui, &g.t("debrief.timeline"));
    match debrief.and_then(|d| d.report.as_ref()) {
        Some(rep) if !rep.choices.is_empty() => {
            egui::ScrollArea::vertical()
                .id_salt("timeline")
                .max_height(220.0)
                .show(ui, |ui| {
                    for c in &rep.choices {
                        let kind = g.t(&format!("report.k.{}", c.kind.key()));
                        ui.label(
                            RichText::new(format!(
                                "{} {} {} · {}  {}",
                                g.t("common.day"),
                                c.day,
                                c.time,
                                kind,
                                c.what
                            ))
                            .size(ui::SMALL),
                        );
                    }
                });
        }
        _ => {
            ui.label(RichText::new(g.t("report.no_choices")).color(ui::dim()));
        }
    }
    ui.add_space(8.0);
    ui::subheading(ui, &g.t("debrief.simplifies"));
    for t in &st.lv().simplifications {
        ui.label(format!("• {}", t.get(lang)));
    }
}

/// The right column: merchants like her, questions, real people's cases, the cards met.
fn talk(g: &Shared, ui: &mut egui::Ui, s: &Session, debrief: Option<&Debrief>) {
    let lang = g.lang();
    let st = &s.state;
    if let Some(d) = debrief {
        let her_title = st.ending.map_or(String::new(), |e| {
            crate::report::ending_words(e, st.record.family(), true, lang, &g.tr).0
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
        let real: Vec<&FactCard> = crate::content::REAL_PEOPLE
            .iter()
            .filter(|id| st.lv().facts.iter().any(|f| f == *id))
            .filter_map(|id| cat.cards.iter().find(|c| c.id == *id))
            .collect();
        if !real.is_empty() {
            ui::subheading(ui, &g.t("debrief.real"));
            for card in real {
                card_block(ui, g, cat, card, ui::BODY);
            }
            ui.add_space(8.0);
        }
        ui::subheading(ui, &g.t("debrief.facts"));
        for id in &s.facts_seen {
            if let Some(card) = cat.cards.iter().find(|c| &c.id == id) {
                ui.label(RichText::new(card.shown(g.gentle()).0.get(lang)).strong());
                ui.label(
                    RichText::new(source_line(&g.tr, lang, cat, card))
                        .size(ui::SMALL)
                        .color(ui::dim()),
                );
            }
        }
    }
}

/// Money, risk and the phone's contents over the days, from the ledgers.
fn charts(g: &Shared, ui: &mut egui::Ui, ledgers: &[Ledger]) {
    let by_day = |f: &dyn Fn(&Ledger) -> f64| -> Vec<[f64; 2]> {
        ledgers.iter().map(|l| [l.day as f64 + 1.0, f(l)]).collect()
    };
    ui.label(
        RichText::new(g.t("debrief.l.chart"))
            .size(ui::SMALL)
            .color(ui::dim()),
    );
    let mut money = vec![(
        g.t("debrief.chart.worth"),
        by_day(&|l| l.net_worth as f64),
        ui::blue(),
    )];
    if ledgers.iter().any(|l| l.debt > 0) {
        money.push((
            g.t("debrief.legend.debt"),
            by_day(&|l| l.debt as f64),
            ui::red(),
        ));
    }
    chart(g, ui, &money);
    ui.label(
        RichText::new(g.t("debrief.chart.family"))
            .size(ui::SMALL)
            .color(ui::dim()),
    );
    family_evenings(g, ui, ledgers);
    ui.label(
        RichText::new(g.t("debrief.chart.phone"))
            .size(ui::SMALL)
            .color(ui::dim()),
    );
    chart(
        g,
        ui,
        &[
            (
                g.t("debrief.legend.risky"),
                by_day(&|l| l.risky_items as f64),
                ui::red(),
            ),
            (
                g.t("debrief.legend.items"),
                by_day(&|l| l.items as f64),
                ui::blue(),
            ),
            (
                g.t("debrief.legend.shots"),
                by_day(&|l| l.trace as f64),
                ui::dim(),
            ),
        ],
    );
}

/// A small line chart by day, drawn with egui's shapes: each line also has its own mark
/// (circle, square, triangle) at every day, so that the legend reads without colour; the
/// value of the day under the pointer is shown in words.
fn chart(g: &Shared, ui: &mut egui::Ui, lines: &[(String, Vec<[f64; 2]>, egui::Color32)]) {
    let font = egui::FontId::proportional(ui::SMALL);
    if lines.len() > 1 {
        ui.horizontal(|ui| {
            for (k, (name, _, color)) in lines.iter().enumerate() {
                let (r, _) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
                mark(ui.painter(), k, r.center(), 4.0, *color);
                ui.label(RichText::new(name).size(ui::SMALL).color(ui::ink()));
            }
        });
    }
    let size = egui::vec2(ui.available_width().min(440.0), 120.0);
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::hover());
    let painter = ui.painter_at(rect.expand(2.0));
    let all = || lines.iter().flat_map(|(_, p, _)| p.iter());
    let (Some(x0), Some(x1)) = (
        all().map(|p| p[0]).reduce(f64::min),
        all().map(|p| p[0]).reduce(f64::max),
    ) else {
        return;
    };
    let y0 = all().map(|p| p[1]).fold(0.0, f64::min);
    let y1 = all().map(|p| p[1]).fold(1.0, f64::max);
    // Room on the left for the values, below for the days.
    let plot = egui::Rect::from_min_max(
        rect.min + egui::vec2(48.0, 6.0),
        rect.max - egui::vec2(8.0, 18.0),
    );
    let at = |p: [f64; 2]| {
        let fx = if x1 > x0 {
            (p[0] - x0) / (x1 - x0)
        } else {
            0.5
        };
        let fy = (p[1] - y0) / (y1 - y0);
        egui::pos2(
            plot.left() + plot.width() * fx as f32,
            plot.bottom() - plot.height() * fy as f32,
        )
    };
    let axis = egui::Stroke::new(1.0, ui::dim());
    painter.line_segment([plot.left_bottom(), plot.right_bottom()], axis);
    painter.line_segment([plot.left_top(), plot.left_bottom()], axis);
    for v in [y0, y1] {
        let y = at([x0, v]).y;
        painter.text(
            egui::pos2(plot.left() - 4.0, y),
            egui::Align2::RIGHT_CENTER,
            compact(v),
            font.clone(),
            ui::dim(),
        );
    }
    let days = (x1 - x0).round() as i64;
    let step = (days / 6).max(1);
    let mut d = 0;
    while d <= days {
        let x = at([x0 + d as f64, y0]).x;
        painter.text(
            egui::pos2(x, plot.bottom() + 2.0),
            egui::Align2::CENTER_TOP,
            format!("{}", (x0 as i64) + d),
            font.clone(),
            ui::dim(),
        );
        d += step;
    }
    for (k, (_, points, color)) in lines.iter().enumerate() {
        let pts: Vec<egui::Pos2> = points.iter().map(|p| at(*p)).collect();
        painter.add(egui::Shape::line(
            pts.clone(),
            egui::Stroke::new(2.0, *color),
        ));
        for p in pts {
            mark(&painter, k, p, 3.0, *color);
        }
    }
    // The day under the pointer, in words.
    if let Some(pos) = response.hover_pos() {
        let day = (x0 + ((pos.x - plot.left()) / plot.width()) as f64 * (x1 - x0)).round();
        let text: Vec<String> = lines
            .iter()
            .filter_map(|(name, points, _)| {
                let p = points.iter().find(|p| p[0] == day)?;
                Some(format!("{name}: {}", compact(p[1])))
            })
            .collect();
        if !text.is_empty() {
            let day = g.tf("place.seen_on", &[("day", format!("{day}"))]);
            response.on_hover_text_at_pointer(format!("{day}\n{}", text.join("\n")));
        }
    }
}

/// A line's own mark: circle, square or triangle by its place in the legend.
fn mark(painter: &egui::Painter, k: usize, c: egui::Pos2, r: f32, color: egui::Color32) {
    match k % 3 {
        0 => {
            painter.circle_filled(c, r, color);
        }
        1 => {
            painter.rect_filled(
                egui::Rect::from_center_size(c, egui::vec2(2.0 * r, 2.0 * r)),
                0.0,
                color,
            );
        }
        _ => {
            painter.add(egui::Shape::convex_polygon(
                vec![
                    c + egui::vec2(0.0, -r * 1.2),
                    c + egui::vec2(r * 1.1, r * 0.8),
                    c + egui::vec2(-r * 1.1, r * 0.8),
                ],
                color,
                egui::Stroke::NONE,
            ));
        }
    }
}

/// A chart's value in few characters: 1.2M, 340k, 12.
fn compact(v: f64) -> String {
    let a = v.abs();
    if a >= 1e6 {
        format!("{:.1}M", v / 1e6)
    } else if a >= 1e4 {
        format!("{:.0}k", v / 1e3)
    } else {
        format!("{v:.0}")
    }
}

/// The family's evenings, one column each: how they ate (a full, a half-filled or an
/// empty circle, so that the shape says it without the colour), a cross for a sick child,
/// a mark for a child kept home from school.
fn family_evenings(g: &Shared, ui: &mut egui::Ui, ledgers: &[Ledger]) {
    let cell = 26.0;
    let width = (cell * ledgers.len() as f32).max(cell);
    let (rect, _) =
        ui.allocate_exact_size(egui::vec2(width, cell * 2.0 + 14.0), egui::Sense::hover());
    let painter = ui.painter_at(rect);
    let r = cell * 0.32;
    for (k, l) in ledgers.iter().enumerate() {
        let x = rect.left() + cell * (k as f32 + 0.5);
        let c = egui::pos2(x, rect.top() + cell * 0.5);
        meal_mark(&painter, c, r, l.meal);
        let below = egui::pos2(x, rect.top() + cell * 1.4);
        if l.sick {
            let d = r * 0.7;
            let s = egui::Stroke::new(3.0, ui::red());
            painter.line_segment([below - egui::vec2(d, 0.0), below + egui::vec2(d, 0.0)], s);
            painter.line_segment([below - egui::vec2(0.0, d), below + egui::vec2(0.0, d)], s);
        } else if l.kept_home {
            let d = r * 0.6;
            let s = egui::Stroke::new(2.0, ui::ink());
            painter.line_segment([below - egui::vec2(d, d), below + egui::vec2(d, d)], s);
            painter.line_segment([below + egui::vec2(-d, d), below + egui::vec2(d, -d)], s);
        }
        painter.text(
            egui::pos2(x, rect.bottom() - 6.0),
            egui::Align2::CENTER_CENTER,
            (l.day + 1).to_string(),
            egui::FontId::proportional(10.0),
            ui::dim(),
        );
    }
    // The key, drawn with the same marks.
    ui.horizontal_wrapped(|ui| {
        for (meal, key) in [
            (Meal::Fed, "debrief.legend.fed"),
            (Meal::AteLittle, "debrief.legend.little"),
            (Meal::WentWithout, "debrief.legend.without"),
        ] {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
            meal_mark(&ui.painter_at(rect), rect.center(), 5.0, meal);
            ui.label(RichText::new(g.t(key)).size(ui::SMALL));
        }
        ui.label(RichText::new(g.t("debrief.legend.sick_home")).size(ui::SMALL));
    });
}

fn meal_mark(painter: &egui::Painter, c: egui::Pos2, r: f32, meal: Meal) {
    let ring = egui::Stroke::new(2.0, ui::ink());
    match meal {
        Meal::Fed => {
            painter.circle_filled(c, r, ui::green());
            painter.circle_stroke(c, r, ring);
        }
        Meal::AteLittle => {
            // The lower half filled: a bowl half full.
            let pts: Vec<egui::Pos2> = (0..=16)
                .map(|i| {
                    let a = std::f32::consts::PI * i as f32 / 16.0;
                    c + egui::vec2(r * a.cos(), r * a.sin())
                })
                .collect();
            painter.add(egui::Shape::convex_polygon(
                pts,
                ui::amber(),
                egui::Stroke::NONE,
            ));
            painter.circle_stroke(c, r, ring);
        }
        Meal::WentWithout => {
            painter.circle_stroke(c, r, egui::Stroke::new(2.0, ui::red()));
        }
    }
}
