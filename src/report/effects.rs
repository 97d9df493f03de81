//! The check's figures with their uncertainty, for the summary, the table and the class
//! view (issue 34): each measure's pairs, change and effect size d_z with its interval.

use super::*;

/// The class's change on each measure of the check, as a table a spreadsheet opens
/// (`report --csv --effects`): one row a measure. The columns (stable and English; the
/// facilitator guide explains each): `measure` (`knowledge`: the share of fact questions
/// right, 0–1; `judgement`: how well the ratings of her phone follow the rules', a
/// correlation from −1 to 1;
/// `view:<name>`: a view's step, 1–5), `pairs` (students who answered before and
/// after), `mean_before`, `mean_after`, `mean_change`, `sd_change` (the spread of the
/// changes), `d_z` with `d_z_low` and `d_z_high` (its 95 % interval; empty under ten pairs
/// or when every change was the same), `improved`, `same`, `worse` (shares of the pairs,
/// 0–1; for a view, "improved" is a higher step).
/// Weeks later (`Phase::Later`), two more rows a measure where there are answers:
/// `later:<measure>` pairs each student's before with their later (`mean_after` is the
/// later mean), and `alone:<measure>` the students whose later answers have no before to
/// pair with (`pairs` is how many, `mean_after` their mean; the other cells empty).
pub fn effects_csv(f: &Figures) -> String {
    let mut csv = String::from(
        "measure,pairs,mean_before,mean_after,mean_change,sd_change,d_z,d_z_low,d_z_high,\
         improved,same,worse\n",
    );
    let row = |csv: &mut String, key: &str, c: &crate::stats::Paired| {
        let (d, low, high) = match c.dz {
            Some(e) => (
                format!("{:.3}", e.d),
                format!("{:.3}", e.low),
                format!("{:.3}", e.high),
            ),
            None => Default::default(),
        };
        let _ = writeln!(
            csv,
            "{key},{},{:.3},{:.3},{:.3},{:.3},{d},{low},{high},{:.3},{:.3},{:.3}",
            c.n,
            c.mean_before,
            c.mean_after,
            c.mean_change,
            c.sd_change,
            c.improved,
            c.same,
            c.worse
        );
    };
    for m in &f.measures {
        row(&mut csv, &m.key, &m.change);
        if m.later.n > 0 {
            row(&mut csv, &format!("later:{}", m.key), &m.later);
        }
        let (n, mean) = m.later_alone;
        if n > 0 {
            let _ = writeln!(csv, "alone:{},{n},,{mean:.3},,,,,,,,", m.key);
        }
    }
    // The knowledge measure by the order of the forms: `forms-A-B:knowledge`, `forms-B-A:…`.
    for (order, c) in f.by_order.iter().filter(|(_, c)| c.n > 0) {
        row(
            &mut csv,
            &format!("forms-{}:knowledge", order.replace('→', "-")),
            c,
        );
    }
    // The reading arm's own rows, `read:<measure>`, in the same columns.
    for m in f.reading.iter().filter(|m| m.change.n > 0) {
        row(&mut csv, &format!("read:{}", m.key), &m.change);
    }
    csv
}

/// The reading arm beside a measure: its before → after, and the players' mean change
/// minus the readers' with its 95 % interval (from ten in each arm). Empty when nobody read.
pub fn reading_lines(m: &crate::check::Measure, f: &Figures, lang: Lang, tr: &Tr) -> Vec<String> {
    let Some(r) = f.reading.iter().find(|r| r.key == m.key && r.change.n > 0) else {
        return Vec::new();
    };
    let [before, after, change, dz, moved] = effect_cells(r, lang, tr);
    let mut out = vec![tr.fmt(
        lang,
        "check.effect.reading",
        &[
            ("n", r.change.n.to_string()),
            ("before", before),
            ("after", after),
            ("change", change),
            ("dz", dz),
            ("moved", moved),
        ],
    )];
    let step = |x: f64| match m.key.as_str() {
        "knowledge" => format!("{:+.0}", x * 100.0),
        "judgement" => format!("{x:+.2}"),
        _ => format!("{x:+.1}"),
    };
    out.push(match crate::stats::difference(&m.change, &r.change) {
        Some(e) => tr.fmt(
            lang,
            "check.effect.diff",
            &[
                ("d", step(e.d)),
                ("low", step(e.low)),
                ("high", step(e.high)),
            ],
        ),
        None => tr.get(lang, "check.effect.diff_none").to_string(),
    });
    out
}

/// A measure's figures as the summary and the class view show them: before, after, the
/// change (facts in percentage points), d_z with its interval, and up · same · down.
pub fn effect_cells(m: &crate::check::Measure, lang: Lang, tr: &Tr) -> [String; 5] {
    cells(&m.key, &m.change, lang, tr)
}

/// The same weeks later: before → later, over the students who answered both.
pub fn later_cells(m: &crate::check::Measure, lang: Lang, tr: &Tr) -> [String; 5] {
    cells(&m.key, &m.later, lang, tr)
}

/// A measure's value as shown: facts in percent, the judgement with two decimals, a
/// view's step with one.
pub fn shown(key: &str, x: f64) -> String {
    match key {
        "knowledge" => format!("{:.0} %", x * 100.0),
        "judgement" => format!("{x:.2}"),
        _ => format!("{x:.1}"),
    }
}

fn cells(key: &str, c: &crate::stats::Paired, lang: Lang, tr: &Tr) -> [String; 5] {
    // (A share, 0–1: shown as percent, the change in percentage points.)
    let facts = key == "knowledge";
    // (A correlation, −1 to 1, with two decimals; a view's step with one.)
    let places = if key == "judgement" { 2 } else { 1 };
    let at = |x: f64| shown(key, x);
    let change = if facts {
        format!("{:+.0}", c.mean_change * 100.0)
    } else {
        format!("{:+.places$}", c.mean_change)
    };
    let d = match c.dz {
        Some(e) => tr.fmt(
            lang,
            "check.effect.dz",
            &[
                ("d", format!("{:.2}", e.d)),
                ("low", format!("{:.2}", e.low)),
                ("high", format!("{:.2}", e.high)),
            ],
        ),
        None => tr.get(lang, "check.effect.none").to_string(),
    };
    let share = |x: f64| (x * c.n as f64).round() as usize;
    let moved = format!(
        "{} · {} · {}",
        share(c.improved),
        share(c.same),
        share(c.worse)
    );
    [at(c.mean_before), at(c.mean_after), change, d, moved]
}

/// The class's figures in plain words, a sentence a measure that students answered both
/// times: how many, from what to what, how large a change, and whether the interval
/// leaves out 0; then the weeks-later and the reading arm's figures where there are any.
pub fn plain_words(f: &Figures, lang: Lang, tr: &Tr) -> Vec<String> {
    let size = |d: f64| {
        let key = match d.abs() {
            x if x < 0.2 => "check.plain.size.tiny",
            x if x < 0.5 => "check.plain.size.small",
            x if x < 0.8 => "check.plain.size.medium",
            _ => "check.plain.size.large",
        };
        tr.get(lang, key).to_string()
    };
    let mut out = Vec::new();
    for m in f.measures.iter().filter(|m| m.change.n > 0) {
        let [before, after, ..] = effect_cells(m, lang, tr);
        let how = match m.change.dz {
            None => tr.get(lang, "check.plain.few").to_string(),
            Some(e) => tr.fmt(
                lang,
                if e.clear() {
                    "check.plain.clear"
                } else {
                    "check.plain.unclear"
                },
                &[
                    ("size", size(e.d)),
                    ("d", format!("{:.2}", e.d)),
                    ("low", format!("{:.2}", e.low)),
                    ("high", format!("{:.2}", e.high)),
                ],
            ),
        };
        let mut line = tr.fmt(
            lang,
            "check.plain.line",
            &[
                // (A view is a sentence: its full stop goes before the colon.)
                ("name", m.name.trim_end_matches('.').to_string()),
                ("n", m.change.n.to_string()),
                ("before", before),
                ("after", after),
                ("how", how),
            ],
        );
        if m.later.n > 0 {
            let [b, l, ..] = later_cells(m, lang, tr);
            line.push(' ');
            line.push_str(&tr.fmt(
                lang,
                "check.plain.later",
                &[("n", m.later.n.to_string()), ("before", b), ("later", l)],
            ));
        }
        if let Some(r) = f.reading.iter().find(|r| r.key == m.key && r.change.n > 0) {
            let [b, a, ..] = effect_cells(r, lang, tr);
            line.push(' ');
            line.push_str(&tr.fmt(
                lang,
                "check.plain.reading",
                &[("n", r.change.n.to_string()), ("before", b), ("after", a)],
            ));
        }
        out.push(line);
    }
    out
}

/// The knowledge measure by the order of the forms, a line for the class view and the
/// summary (None when nobody answered both times).
pub fn order_line(f: &Figures, lang: Lang, tr: &Tr) -> Option<String> {
    let parts: Vec<String> = f
        .by_order
        .iter()
        .filter(|(_, c)| c.n > 0)
        .map(|(order, c)| {
            tr.fmt(
                lang,
                "check.effect.order",
                &[
                    ("order", order.clone()),
                    ("n", c.n.to_string()),
                    ("before", shown("knowledge", c.mean_before)),
                    ("after", shown("knowledge", c.mean_after)),
                ],
            )
        })
        .collect();
    (!parts.is_empty()).then(|| {
        format!(
            "{} {}",
            tr.get(lang, "check.effect.orders"),
            parts.join(" · ")
        )
    })
}

/// The summary's check, after the per-question change: the figures in plain words, then the
/// table of each measure with its uncertainty (weeks later and the unpaired in its rows), the
/// knowledge by the order of the forms, the reading arm compared, and the note on reading it.
pub fn effects_summary(md: &mut String, f: &Figures, lang: Lang, tr: &Tr) {
    let t = |k: &str| tr.get(lang, k).to_string();
    let plain = plain_words(f, lang, tr);
    if !plain.is_empty() {
        let _ = writeln!(*md, "\n## {}\n", t("check.plain"));
        for line in plain {
            let _ = writeln!(*md, "- {line}");
        }
    }
    if f.measures.iter().any(|m| m.has_figures()) {
        let _ = writeln!(*md, "\n## {}\n", t("check.effects"));
        let _ = writeln!(
            *md,
            "| {} | {} | {} | {} | {} | {} | {} |\n|---|---:|---:|---:|---:|---|---|",
            t("check.col.measure"),
            t("check.col.paired"),
            t("check.before"),
            t("check.after"),
            t("check.col.change"),
            t("check.col.dz"),
            t("check.col.moved")
        );
        for m in f.measures.iter().filter(|m| m.has_figures()) {
            let name = m.name.replace('|', "/");
            let [b, a, c, d, moved] = effect_cells(m, lang, tr);
            let _ = writeln!(
                *md,
                "| {name} | {} | {b} | {a} | {c} | {d} | {moved} |",
                m.change.n
            );
            // Weeks later: before → later in the same columns, then the group alone.
            if m.later.n > 0 {
                let [b, l, c, d, moved] = later_cells(m, lang, tr);
                let _ = writeln!(
                    *md,
                    "| {name} {} | {} | {b} | {l} | {c} | {d} | {moved} |",
                    t("check.col.later"),
                    m.later.n
                );
            }
            let (n, mean) = m.later_alone;
            if n > 0 {
                let _ = writeln!(
                    *md,
                    "| {name} {} | {n} |  | {} |  |  |  |",
                    t("check.col.alone"),
                    shown(&m.key, mean)
                );
            }
        }
        if let Some(line) = order_line(f, lang, tr) {
            let _ = writeln!(*md, "\n{line}");
        }
        // The reading arm, a line a measure: its change, and playing minus reading.
        if f.readers > 0 {
            let _ = writeln!(*md, "\n### {}\n", t("check.reading_arm"));
            for m in f.measures.iter().filter(|m| m.has_figures()) {
                for line in reading_lines(m, f, lang, tr) {
                    let _ = writeln!(*md, "- {}: {line}", m.name.trim_end_matches('.'));
                }
            }
        }
        let _ = writeln!(*md, "\n{}", t("check.effects_note"));
    }
}
