//! The class view's pages: each chart, with its numbers written beside its bars (a screen
//! reader reads the numbers).

use super::*;

/// One page: its title and its chart.
pub(super) fn page(
    g: &View,
    ui: &mut egui::Ui,
    p: Page,
    f: &Figures,
    class: &Class,
    big: f32,
    alone: bool,
) {
    let title = |ui: &mut egui::Ui, key: &str| title(g, ui, key, big);
    let student = |k: usize| student(g, k);
    match p {
        Page::Endings => {
            title(ui, "class.p.endings");
            let rows: Vec<Bar> = f
                .endings
                .iter()
                .map(|(key, t, n)| Bar {
                    label: t.clone(),
                    value: f64::from(*n),
                    text: g.tf("class.students_n", &[("n", n.to_string())]),
                    colour: ending_colour(ui, key),
                })
                .collect();
            bars(ui, &rows, f.players as f64, big);
        }
        Page::Bribes => bribes_page(g, ui, f, big),
        Page::Hungry => {
            title(ui, "class.p.hungry");
            let (total, rows) = f.family_page(g.lang(), g.tr);
            line(ui, &total, big);
            let colours = [ui::green(ui), ui::amber(ui), ui::red(ui)];
            let rows: Vec<Bar> = rows
                .into_iter()
                .zip(colours)
                .map(|((label, n), colour)| Bar {
                    label,
                    value: n as f64,
                    text: g.tf("class.students_n", &[("n", n.to_string())]),
                    colour,
                })
                .collect();
            bars(ui, &rows, f.players as f64, big);
        }
        Page::Deleted | Page::Memories => {
            let (key, values, colour) = if p == Page::Deleted {
                ("class.deleted", &f.deleted, ui::blue(ui))
            } else {
                ("class.memories", &f.memories, ui::red(ui))
            };
            // The two charts share the page's title when they are shown together.
            if alone || p == Page::Deleted {
                title(ui, "class.p.phone");
            }
            let total: u32 = values.iter().sum();
            line(ui, &format!("{}: {total}", g.t(key)), big);
            let rows: Vec<Bar> = values
                .iter()
                .enumerate()
                .map(|(k, v)| Bar {
                    label: student(k),
                    value: f64::from(*v),
                    text: v.to_string(),
                    colour,
                })
                .collect();
            let most = values.iter().copied().max().unwrap_or(0).max(1);
            bars(ui, &rows, f64::from(most), big);
        }
        Page::NoCheck => {
            title(ui, "class.p.check");
            line(ui, &g.t("class.no_check"), big);
        }
        Page::Check(i) => check_page(g, ui, f, i, big, alone),
        Page::Effects => effects_page(g, ui, f, big),
        Page::Skipped => {
            title(ui, "class.p.skipped");
            for s in &class.skipped {
                line(ui, &format!("{}: {}", s.file, s.why), big);
            }
        }
    }
}

/// A page's title (a level-2 heading).
fn title(g: &View, ui: &mut egui::Ui, key: &str, big: f32) {
    let r = ui.label(
        RichText::new(g.t(key))
            .size(ui::H2 * big)
            .family(ui::heading_family()),
    );
    crate::access::heading(&r, 2);
}

/// "Student 3": a bar's name where the figures are per student.
fn student(g: &View, k: usize) -> String {
    g.tf("class.student", &[("n", (k + 1).to_string())])
}

/// The bribes: who paid, the total and the median, and each student's bar (by amount and
/// unnamed on the projector).
fn bribes_page(g: &View, ui: &mut egui::Ui, f: &Figures, big: f32) {
    title(g, ui, "class.p.bribes", big);
    line(
        ui,
        &[
            g.tf(
                "class.paid",
                &[("paid", f.paid.to_string()), ("n", f.players.to_string())],
            ),
            g.tf("class.total", &[("won", won(f.bribes_total))]),
            g.tf("class.median", &[("won", won(f.bribes_median))]),
        ]
        .join(" · "),
        big,
    );
    // On the projector the bars go by amount, unnamed: a room that handed its files
    // in one by one cannot match a bar to a student (audit S-2).
    let mut order: Vec<(usize, i64)> = f.bribes.iter().copied().enumerate().collect();
    if big > 1.0 {
        order.sort_by_key(|(_, b)| std::cmp::Reverse(*b));
    }
    let rows: Vec<Bar> = order
        .into_iter()
        .map(|(k, b)| Bar {
            label: if big > 1.0 {
                "·".into()
            } else {
                student(g, k)
            },
            value: b as f64,
            text: won(b),
            colour: ui::amber(ui),
        })
        .collect();
    let most = f.bribes.iter().copied().max().unwrap_or(0).max(1) as f64;
    bars(ui, &rows, most, big);
}

/// One question's before and after (the `i`-th answered both times), and for a view its
/// answers step by step.
fn check_page(g: &View, ui: &mut egui::Ui, f: &Figures, i: usize, big: f32, alone: bool) {
    let Some(c) = f.change.iter().filter(|c| c.paired > 0).nth(i) else {
        return;
    };
    if alone || i == 0 {
        title(g, ui, "class.p.check", big);
    }
    let (b, a) = c.before_after();
    ui.add(egui::Label::new(RichText::new(&c.question).strong().size(ui::BODY * big)).wrap());
    let (max, note) = if c.is_fact {
        (f64::from(c.paired), "class.facts_note")
    } else {
        (f64::from(crate::check::SCALE), "class.views_note")
    };
    ui.label(
        RichText::new(g.t(note))
            .size(ui::SMALL * big)
            .color(ui::dim(ui)),
    );
    let rows = [
        Bar {
            label: g.t("check.before"),
            value: c.before,
            text: b,
            colour: ui::dim(ui),
        },
        Bar {
            label: g.t("check.after"),
            value: c.after,
            text: a,
            colour: ui::blue(ui),
        },
    ];
    bars(ui, &rows, max, big);
    if !c.is_fact {
        spread(g, ui, c, big);
    }
}

/// Each measure's change with its uncertainty: pairs, before, after, change, d_z and its
/// 95 % interval, how many went up, stayed, went down; and what the figures do not show.
fn effects_page(g: &View, ui: &mut egui::Ui, f: &Figures, big: f32) {
    title(g, ui, "check.effects", big);
    // A block a measure (its name, then its figures in one line that wraps): a table this
    // wide runs off a projector's screen.
    for m in f.measures.iter().filter(|m| m.has_figures()) {
        let [before, after, change, dz, moved] = crate::report::effect_cells(m, g.lang(), g.tr);
        ui.add_space(6.0 * big);
        ui.add(egui::Label::new(RichText::new(&m.name).strong().size(ui::BODY * big)).wrap());
        let figures = g.tr.fmt(
            g.lang(),
            "check.effect.line",
            &[
                ("n", m.change.n.to_string()),
                ("before", before),
                ("after", after),
                ("change", change),
                ("dz", dz),
                ("moved", moved),
            ],
        );
        ui.add(egui::Label::new(RichText::new(figures).size(ui::BODY * big)).wrap());
        // Weeks later, and the readers, beside before and after.
        let reading = crate::report::reading_lines(m, f, g.lang(), g.tr);
        let order = if m.key == "knowledge" {
            crate::report::order_line(f, g.lang(), g.tr)
        } else {
            None
        };
        for line in order.into_iter().chain(later_lines(g, m)).chain(reading) {
            ui.add(egui::Label::new(RichText::new(line).size(ui::BODY * big)).wrap());
        }
    }
    ui.add_space(8.0 * big);
    ui.add(
        egui::Label::new(
            RichText::new(g.t("check.effects_note"))
                .size(ui::SMALL * big)
                .color(ui::dim(ui)),
        )
        .wrap(),
    );
}

/// A measure weeks later: the students who answered before and later, paired; those with
/// no before (their game was not on the machine), as a group of their own.
fn later_lines(g: &View, m: &crate::check::Measure) -> Vec<String> {
    let mut out = Vec::new();
    if m.later.n > 0 {
        let [before, later, change, dz, moved] = crate::report::later_cells(m, g.lang(), g.tr);
        out.push(g.tr.fmt(
            g.lang(),
            "check.effect.later",
            &[
                ("n", m.later.n.to_string()),
                ("before", before),
                ("later", later),
                ("change", change),
                ("dz", dz),
                ("moved", moved),
            ],
        ));
    }
    let (n, mean) = m.later_alone;
    if n > 0 {
        out.push(g.tr.fmt(
            g.lang(),
            "check.effect.alone",
            &[
                ("n", n.to_string()),
                ("mean", crate::report::shown(&m.key, mean)),
            ],
        ));
    }
    out
}

/// A view's answers step by step: how many students gave each, before and after.
fn spread(g: &View, ui: &mut egui::Ui, c: &crate::check::Change, big: f32) {
    ui.add_space(4.0 * big);
    egui::Grid::new(ui.next_auto_id())
        .num_columns(3)
        .spacing([18.0 * big, 2.0 * big])
        .show(ui, |ui| {
            let size = ui::SMALL * big;
            ui.label("");
            ui.label(
                RichText::new(g.t("check.before"))
                    .size(size)
                    .color(ui::dim(ui)),
            );
            ui.label(
                RichText::new(g.t("check.after"))
                    .size(size)
                    .color(ui::dim(ui)),
            );
            ui.end_row();
            for (k, (b, a)) in c.spread.iter().enumerate().rev() {
                ui.label(RichText::new(g.t(&format!("check.scale.{}", k + 1))).size(size));
                ui.label(RichText::new(b.to_string()).size(size));
                ui.label(RichText::new(a.to_string()).size(size));
                ui.end_row();
            }
        });
}

fn line(ui: &mut egui::Ui, text: &str, big: f32) {
    ui.add(egui::Label::new(RichText::new(text).size(ui::BODY * big)).wrap());
}

struct Bar {
    label: String,
    value: f64,
    text: String,
    colour: Color32,
}

/// A horizontal bar chart: each row its label, a bar as long as its share of `max`, and
/// the number written out.
fn bars(ui: &mut egui::Ui, rows: &[Bar], max: f64, big: f32) {
    let label_w = (ui.available_width() * 0.36).min(420.0 * big);
    let bar_w = (ui.available_width() - label_w - 150.0 * big).max(60.0);
    let h = 22.0 * big;
    egui::Grid::new(ui.next_auto_id())
        .num_columns(3)
        .spacing([10.0 * big, 6.0 * big])
        .show(ui, |ui| {
            for r in rows {
                // A long label wraps in its column, right-aligned against its bar.
                ui.allocate_ui_with_layout(
                    egui::vec2(label_w, h),
                    egui::Layout::right_to_left(egui::Align::Center),
                    |ui| {
                        ui.set_min_width(label_w);
                        ui.add(
                            egui::Label::new(RichText::new(&r.label).size(ui::BODY * big)).wrap(),
                        );
                    },
                );
                let (rect, _) = ui.allocate_exact_size(egui::vec2(bar_w, h), egui::Sense::hover());
                let share = if max > 0.0 {
                    (r.value / max).clamp(0.0, 1.0)
                } else {
                    0.0
                } as f32;
                ui.painter()
                    .rect_stroke(rect, 2.0, (1.0, ui::dim(ui)), egui::StrokeKind::Inside);
                if share > 0.0 {
                    let mut fill = rect.shrink(2.0);
                    fill.set_width((fill.width() * share).max(3.0));
                    ui.painter().rect_filled(fill, 2.0, r.colour);
                }
                ui.label(RichText::new(&r.text).strong().size(ui::BODY * big));
                ui.end_row();
            }
        });
}

fn ending_colour(ui: &egui::Ui, key: &str) -> Color32 {
    match key {
        "thriving" | "family_fed" => ui::green(ui),
        "unfinished" => ui::dim(ui),
        "thriving.thin" | "family_fed.thin" => ui::amber(ui),
        "family_hungry" | "business_ruined" | "in_debt" => ui::amber(ui),
        _ => ui::red(ui),
    }
}
