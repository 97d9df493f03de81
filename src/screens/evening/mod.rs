//! The evening: the day's ledger, the family fed or not, what the phone holds.

use super::shared::{Hint, Shared, View};
use super::*;
use crate::rules::Event;
use crate::rules::*;
use crate::ui;
use bevy_egui::egui::{self, Key, RichText};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        draw.in_set(Pass::Screen).run_if(on(Screen::Evening)),
    );
}

fn draw(mut g: Shared) -> Result {
    let ctx = g.ctx()?;
    g.day_frame(&ctx, true, true, Some(Hint::Evening), |g, ui| {
        body(ui, &g.view())
    });
    Ok(())
}

/// The evening at home: the day's ledger, the family at the table, tomorrow's meals and
/// what the family asks, and Enter to sleep (to the ending after the last evening). On a
/// page large enough the room is the page and the ledger an open notebook in front of the
/// family (`staged`).
fn body(ui: &mut egui::Ui, g: &View) -> Vec<Do> {
    let Some(s) = g.session else {
        return Vec::new();
    };
    let l = s.evening().copied().unwrap_or_default();
    if let Some(page) = ui::stage::page(ui) {
        return staged(ui, g, s, &l, page);
    }
    heading(ui, g, s, &l);
    // The family first (issue 35: what the evening was, seen before it is counted), then the
    // day in money.
    family(g, ui, s, &l);
    family_words(g, ui, s, &l);
    ui.add_space(8.0);
    ledger(ui, g, s, &l);
    tomorrow(ui, g, s, &l)
}

/// The evening as a scene (issue 35: "put the scene first"): the family at the table across
/// the page's top, the room running on under the open notebook in front of them; its left
/// page the day (what they ate, the money), its right page tomorrow and the way to bed.
fn staged(
    ui: &mut egui::Ui,
    g: &View,
    s: &crate::session::Session,
    l: &Ledger,
    page: egui::Rect,
) -> Vec<Do> {
    let scene = ui::stage::scene(page, SCENE_SHARE);
    let painter = ui::stage::painter(ui, page);
    let floor_y = scene.top() + scene.height() * 0.72;
    ui::art::home_ground(&painter, page, floor_y, Some(l.meal));
    ui::stage::described(ui, scene, "the evening's room", &g.t("pic.family"));
    draw_family(ui, &painter, scene, s, l);
    let notebook = ui::stage::under(page, scene);
    let ((), did) = ui::stage::notebook(
        ui,
        notebook,
        |ui| {
            heading(ui, g, s, l);
            family_words(g, ui, s, l);
            ui.add_space(8.0);
            ledger(ui, g, s, l);
        },
        |ui| {
            let mut did: Vec<Do> = g.guide(ui, Hint::Evening).into_iter().collect();
            did.extend(tomorrow(ui, g, s, l));
            did
        },
    );
    ui::stage::take_page(ui);
    did
}

/// The scene's share of the page's height when the evening is staged.
const SCENE_SHARE: f32 = 0.5;

/// The evening's heading, that it is the last, and what the family ate.
fn heading(ui: &mut egui::Ui, g: &View, s: &crate::session::Session, l: &Ledger) {
    ui::heading(
        ui,
        &format!(
            "{} — {}",
            g.t("evening.heading"),
            g.tr.day(g.lang(), l.day as usize + 1)
        ),
    );
    if s.state().last_evening {
        // No tomorrow to plan: said at the top, where the eye starts.
        ui.label(RichText::new(g.t("evening.last")).strong());
    }
    ui.add_space(4.0);
    let (meal, color) = match l.meal {
        Meal::Fed => ("evening.meal.fed", ui::green(ui)),
        Meal::AteLittle => ("evening.meal.little", ui::red(ui)),
        Meal::WentWithout => ("evening.meal.without", ui::red(ui)),
    };
    ui.label(RichText::new(g.t(meal)).color(color).size(ui::H2 - 2.0));
}

/// Each of the family by name and how they are tonight, and what happened at home in words.
fn family_words(g: &View, ui: &mut egui::Ui, s: &crate::session::Session, l: &Ledger) {
    names(g, ui, s, l);
    for line in family_lines(g, s, l) {
        ui.label(RichText::new(line).color(ui::red(ui)));
    }
}

/// Tomorrow's meals and work and what the family asks (none on the last evening), what the
/// phone holds, and Enter to sleep.
fn tomorrow(ui: &mut egui::Ui, g: &View, s: &crate::session::Session, l: &Ledger) -> Vec<Do> {
    // The days are over (or the game ended tonight): what the family asks can still be
    // given on the last evening; there is no tomorrow to plan.
    let over = s.state().last_evening || s.state().ending.is_some();
    if !over && let Some(a) = choices(g, ui, s) {
        return vec![Do::Act(a)];
    }
    if s.state().last_evening
        && let Some(a) = requests(g, ui, s)
    {
        return vec![Do::Act(a)];
    }
    ui.label(g.tf(
        "evening.phone",
        &[
            ("items", l.items.to_string()),
            ("risky", l.risky_items.to_string()),
            ("trace", l.trace.to_string()),
        ],
    ));
    ui.add_space(14.0);
    let label = if over {
        g.t("evening.to_ending")
    } else {
        g.t("evening.next")
    };
    if !ui::key_button(ui, Key::Enter, &label) {
        return Vec::new();
    }
    vec![if s.state().last_evening {
        // To bed on the last evening: the rules end the game.
        Do::Act(Action::EndDay)
    } else if s.state().ending.is_some() {
        Do::Go(Screen::Ending)
    } else {
        // (The night passes on the way: see `screens::go`.)
        Do::Go(Screen::Morning)
    }]
}

/// The day's money, line by line, and what she is worth tonight.
fn ledger(ui: &mut egui::Ui, g: &View, s: &crate::session::Session, l: &Ledger) {
    let gap = if ui.available_width() < 520.0 {
        14.0
    } else {
        40.0
    };
    egui::Grid::new("ledger")
        .num_columns(2)
        .spacing([gap, 8.0])
        .show(ui, |ui| {
            for (k, v, sign) in [
                ("evening.sales", l.sales, 1),
                ("evening.purchases", l.purchases, -1),
                ("evening.income", l.income, 1),
                ("evening.food", l.food, -1),
                ("evening.household", l.household, -1),
                ("evening.topup", l.topup, -1),
                ("evening.fees", l.fees, -1),
                ("evening.bribes", l.bribes, -1),
                ("evening.fines", l.fines, -1),
            ] {
                // With the 8.3 payment the husband pays the factory to seek day labour:
                // the payment is in the household line, and a day without work says so.
                let eight_three = s.state().home.eight_three;
                ui.label(g.t(match k {
                    "evening.household" if eight_three => "evening.household_83",
                    _ => k,
                }));
                if k == "evening.income" && v == 0 && eight_three {
                    ui.add(
                        egui::Label::new(
                            RichText::new(g.t("evening.no_labour")).color(ui::dim(ui)),
                        )
                        .wrap(),
                    );
                    ui.end_row();
                    continue;
                }
                // Grain from her own stock costs nothing tonight: say so, not "-₩0".
                if k == "evening.food" && v == 0 && l.meal != Meal::WentWithout {
                    ui.add(
                        egui::Label::new(
                            RichText::new(g.t("evening.from_stock")).color(ui::dim(ui)),
                        )
                        .wrap(),
                    );
                    ui.end_row();
                    continue;
                }
                let color = if sign > 0 {
                    ui::green(ui)
                } else if v > 0 {
                    ui::red(ui)
                } else {
                    ui::dim(ui)
                };
                ui.label(
                    RichText::new(format!("{}{}", if sign > 0 { "+" } else { "-" }, won(v)))
                        .color(color)
                        .strong(),
                );
                ui.end_row();
            }
            ui.label(RichText::new(g.t("evening.worth")).strong());
            ui.label(RichText::new(won(l.net_worth)).strong().size(ui::H2));
            ui.end_row();
        });
}

/// What happened at home today, in words: a sick child, a request not met, a memory gone,
/// what she owes.
fn family_lines(g: &View, s: &crate::session::Session, l: &Ledger) -> Vec<String> {
    let lv = s.state().lv();
    let mut out = Vec::new();
    let youngest = lv
        .family
        .members
        .last()
        .map(|m| m.name.get(g.lang()).to_string())
        .unwrap_or_default();
    if l.sick {
        out.push(g.t("evening.sick"));
    }
    for e in s.evening_notes() {
        match e {
            // Named, and what it cost: thin evenings answered by the family.
            Event::ChildSick => out.push(g.tf("evening.fell_ill", &[("who", youngest.clone())])),
            Event::ChildBetter => out.push(g.tf(
                "evening.medicine",
                &[("money", won(lv.household.medicine_won))],
            )),
            Event::RequestMissed { request } => {
                let q = &lv.household.requests[*request as usize];
                out.push(q.missed.get(g.lang()).to_string());
            }
            // Who at home looked for it, by name, and what it was.
            Event::MemoryMissed { spec, .. } => {
                let sp = &s.state().world.specs[*spec as usize];
                let what = sp.name.get(g.lang()).to_string();
                let who = sp.of.and_then(|k| lv.family.members.get(k as usize));
                out.push(match who {
                    Some(m) => g.tf(
                        "evening.memory_of",
                        &[("who", m.name.get(g.lang()).to_string()), ("what", what)],
                    ),
                    None => g.tf("evening.memory_what", &[("what", what)]),
                });
            }
            _ => {}
        }
    }
    if l.debt > 0 {
        out.push(g.tf("evening.debt", &[("money", won(l.debt))]));
    }
    out
}

/// Tomorrow's meals, the husband's work, and what the family asks for.
fn choices(g: &View, ui: &mut egui::Ui, s: &crate::session::Session) -> Option<Action> {
    let st = &s.state();
    let mut act = None;
    ui.add_space(8.0);
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(g.t("evening.plan")).strong());
        for (k, (grain, count, key)) in [
            (Grain::Rice, 3, "evening.plan.rice"),
            (Grain::Corn, 3, "evening.plan.corn"),
            (Grain::Corn, 2, "evening.plan.corn2"),
            (Grain::Porridge, 2, "evening.plan.porridge"),
        ]
        .into_iter()
        .enumerate()
        {
            let meals = Meals { grain, count };
            let on = st.home.meals == meals;
            let label = format!("{}{}", if on { "● " } else { "" }, g.t(key));
            let chosen = ui::keycap::button(ui, &(k + 1).to_string(), label, None, Some(on), |b| b)
                .clicked()
                || ui::pressed(ui.ctx(), ui::digit(k + 1));
            if chosen && !on {
                act = Some(Action::SetMeals { meals });
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(g.t("evening.work")).strong());
        let now = if st.home.eight_three {
            "evening.work.83"
        } else {
            "evening.work.wage"
        };
        ui.label(g.t(now));
        if ui::key_button(
            ui,
            Key::G,
            &format!(
                "→ {}",
                g.t(if st.home.eight_three {
                    "evening.work.wage"
                } else {
                    "evening.work.83"
                })
            ),
        ) {
            act = Some(Action::SetWork {
                eight_three: !st.home.eight_three,
            });
        }
    });
    // What "8.3" is, in a line, where the choice is made (issue 31, point 14).
    let h = &st.lv().household;
    ui.label(
        RichText::new(g.tf(
            "evening.work.explain",
            &[
                ("month", won(h.eight_three_won_per_month)),
                ("labour", won(h.day_labour_won)),
                ("chance", (h.day_labour_permille / 10).to_string()),
                ("wage", won(h.wage_won_per_month)),
            ],
        ))
        .size(ui::SMALL)
        .color(ui::dim(ui)),
    );
    if let Some(a) = requests(g, ui, s) {
        act = Some(a);
    }
    act
}

/// The evening's requests in a fixed order, each with whether it is met: the ones still
/// open and the ones met that are still this evening's (asked by now, not yet past their
/// day). A met request keeps its place, so that the keys of the others do not move and the
/// same key pressed twice cannot pay two (issue 31, point 12).
pub(crate) fn evening_requests(st: &GameState) -> Vec<(u16, bool)> {
    let lv = st.lv();
    // The evening's day, counted from 1: the rules have begun the next day (0-based).
    let evening = st.day as u32;
    let mut list: Vec<(u16, bool)> = lv
        .household
        .requests
        .iter()
        .enumerate()
        .filter_map(|(k, q)| {
            let k = k as u16;
            if st.home.open.contains(&k) {
                Some((k, false))
            } else if st.home.met.contains(&k) && q.day <= evening + 1 && evening < q.day + q.days {
                Some((k, true))
            } else {
                None
            }
        })
        .collect();
    list.sort_by_key(|&(k, _)| k);
    list
}

/// What the family asks for, each with its key to give it.
fn requests(g: &View, ui: &mut egui::Ui, s: &crate::session::Session) -> Option<Action> {
    let st = &s.state();
    let lv = st.lv();
    let mut act = None;
    let list = evening_requests(st);
    if list.iter().any(|&(_, met)| !met) {
        ui.label(RichText::new(g.t("evening.asks")).strong());
    }
    for (k, &(r, met)) in list.iter().enumerate().take(3) {
        let q = &lv.household.requests[r as usize];
        let who = lv.family.members[q.who as usize]
            .name
            .get(g.lang())
            .to_string();
        ui.horizontal_wrapped(|ui| {
            ui.label(g.tf(
                "evening.ask",
                &[
                    ("who", who),
                    ("what", q.what.get(g.lang()).to_string()),
                    ("money", won(q.won)),
                    ("day", (q.day + q.days - 1).to_string()),
                ],
            ));
            if met {
                ui.label(RichText::new(g.t("morning.ask_met")).color(ui::green(ui)));
                return;
            }
            let key = [Key::A, Key::S, Key::D][k];
            if ui::key_button(ui, key, &g.t("evening.meet")) {
                act = Some(Action::Meet { request: r });
            }
        });
    }
    act
}

/// The family at the table across the page (on a page too small to be the scene): the
/// trader and each member drawn at the low table with their bowls (what they ate, who is
/// sick, who stayed home, seen without reading).
fn family(g: &View, ui: &mut egui::Ui, s: &crate::session::Session, l: &Ledger) {
    // Across the page (issue 35: the picture the main thing; the ledger follows below).
    let w = ui.available_width().min(900.0);
    let h = (w * 0.27).clamp(150.0, 240.0);
    let (rect, pic) = ui.allocate_exact_size(egui::vec2(w, h), egui::Sense::hover());
    crate::access::describe(&pic, &g.t("pic.family"));
    draw_family(ui, &ui.painter_at(rect), rect, s, l);
}

/// The family at the low table in `rect`, as tonight left them.
fn draw_family(
    ui: &egui::Ui,
    painter: &egui::Painter,
    rect: egui::Rect,
    s: &crate::session::Session,
    l: &Ledger,
) {
    let lv = s.state().lv();
    let n = lv.family.members.len();
    // The youngest falls sick first; a child kept home is the youngest too.
    let child = |k: usize| k + 1 == n && n > 1;
    let hungry = ui::art::Mood::after(l.meal);
    // The evening a child falls ill, the picture shows it, medicine bought or not.
    let fell_ill = s.child_fell_ill();
    let mut people = vec![(ui::art::TRADER, hungry)];
    for (k, m) in lv.family.members.iter().enumerate() {
        let mood = if child(k) && (l.sick || fell_ill) {
            ui::art::Mood::Sick
        } else {
            hungry
        };
        people.push((m.face, mood));
    }
    let kept = (l.kept_home && !l.sick && n > 1).then_some(n);
    // Tonight's bowls (what she plans for tomorrow is not on the table yet).
    let grain = l.grain.unwrap_or(s.state().home.meals.grain);
    // Steam over the bowls for a moment as the evening comes (a little life, issue 35).
    let steam = ui::motion::moment(
        ui.ctx(),
        egui::Id::new("evening steam"),
        s.state().day as u64,
        2.4,
        ui::motion::Start::OnArrival,
    );
    ui::art::family_table(painter, rect, &people, l.meal, grain, kept, steam);
}

/// Each of the family by name, and how they are tonight.
fn names(g: &View, ui: &mut egui::Ui, s: &crate::session::Session, l: &Ledger) {
    let lv = s.state().lv();
    let n = lv.family.members.len();
    let child = |k: usize| k + 1 == n && n > 1;
    ui.horizontal_wrapped(|ui| {
        for (k, m) in lv.family.members.iter().enumerate() {
            let name = m.name.get(g.lang());
            let state = if child(k) && l.sick {
                g.t("evening.who.sick")
            } else if child(k) && l.kept_home {
                g.t("evening.who.home")
            } else {
                g.t(match l.meal {
                    Meal::Fed => "evening.who.fed",
                    Meal::AteLittle => "evening.who.little",
                    Meal::WentWithout => "evening.who.without",
                })
            };
            ui.label(RichText::new(format!("{name}: {state}")).size(ui::BODY));
            ui.add_space(10.0);
        }
    });
}

#[cfg(test)]
mod tests;
