//! The session report for people to read: Markdown, in the report's language.

use super::*;

impl Report {
    /// The report for people to read, in the report's language.
    pub fn to_markdown(&self, tr: &Tr) -> String {
        let lang = self.lang();
        let t = |k: &str| tr.get(lang, k).to_string();
        let mut md = String::new();
        let _ = writeln!(md, "# {} — {}\n", t("report.title"), self.level_title);
        let rows = [
            (
                t("report.level"),
                format!("{} ({})", self.level_title, self.level),
            ),
            (
                t("report.class_code"),
                if self.class_code.is_empty() {
                    "—".into()
                } else {
                    self.class_code.clone()
                },
            ),
            (t("report.seed"), self.seed.to_string()),
            (
                t("report.days"),
                format!("{} / {}", self.days_played, self.days_in_level),
            ),
            (t("report.ending"), self.ending_title.clone()),
        ];
        for (k, v) in rows {
            let _ = writeln!(md, "- **{k}:** {v}");
        }
        self.md_numbers(&mut md, tr, &t);
        self.md_timeline(&mut md, &t);
        self.md_days(&mut md, &t);
        self.md_check(&mut md, &t);
        let _ = writeln!(md, "\n{}", t("report.footer"));
        md
    }

    /// The numbers of the game, and the memories she deleted.
    fn md_numbers(&self, md: &mut String, tr: &Tr, t: &dyn Fn(&str) -> String) {
        let lang = self.lang();
        let tt = &self.totals.record;
        let _ = writeln!(md, "\n## {}\n", t("report.numbers"));
        let nums = [
            ("report.n.inspections", tt.inspections.to_string()),
            ("report.n.caught", tt.caught.to_string()),
            ("report.n.bribes", won(tt.bribes_paid_won)),
            ("report.n.bribes_refused", tt.bribes_refused.to_string()),
            ("report.n.fines", won(tt.fines_won)),
            ("report.n.confiscated", tt.items_confiscated.to_string()),
            ("report.n.phones_lost", tt.phones_lost.to_string()),
            ("report.n.deleted", tt.deleted.to_string()),
            ("report.n.auto_deleted", tt.auto_deleted.to_string()),
            ("report.n.forwarded", tt.forwarded.to_string()),
            ("report.n.kept", tt.news_kept.to_string()),
            ("report.n.wipes", tt.trace_wipes.to_string()),
            ("report.n.fed", tt.evenings_fed.to_string()),
            ("report.n.meagre", tt.evenings_meagre.to_string()),
            ("report.n.hungry", tt.hungry_days.to_string()),
            ("report.n.met", tt.requests_met.to_string()),
            ("report.n.not_met", tt.requests_missed.to_string()),
            (
                "report.n.risky_end",
                self.totals.risky_items_at_end.to_string(),
            ),
            ("report.n.worth", won(self.totals.final_worth_won)),
        ];
        let _ = writeln!(md, "| | |\n|---|---:|");
        for (k, v) in nums {
            let _ = writeln!(md, "| {} | {v} |", t(k));
        }
        if !self.memories.is_empty() {
            let names = self.memories.join(", ");
            let _ = writeln!(
                md,
                "\n{}",
                tr.fmt(lang, "debrief.l.memories", &[("names", names)])
            );
        }
    }

    /// Her choices, one a row, with the day and the time.
    fn md_timeline(&self, md: &mut String, t: &dyn Fn(&str) -> String) {
        let _ = writeln!(md, "\n## {}\n", t("report.timeline"));
        if self.choices.is_empty() {
            let _ = writeln!(md, "{}", t("report.no_choices"));
        } else {
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} |\n|---:|---|---|---|",
                t("report.col.day"),
                t("report.col.time"),
                t("report.col.choice"),
                t("report.col.what")
            );
            for c in &self.choices {
                let _ = writeln!(
                    md,
                    "| {} | {} | {} | {} |",
                    c.day,
                    c.time,
                    t(&format!("report.k.{}", c.kind.key())),
                    c.what.replace('|', "/")
                );
            }
        }
    }

    /// Day by day: what she was worth, paid, kept risky and had recorded; the evening meal.
    fn md_days(&self, md: &mut String, t: &dyn Fn(&str) -> String) {
        let _ = writeln!(md, "\n## {}\n", t("report.by_day"));
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} | {} | {} |\n|---:|---|---:|---:|---:|---:|---|",
            t("report.col.day"),
            t("report.col.date"),
            t("report.col.worth"),
            t("report.col.bribes"),
            t("report.col.risky"),
            t("report.col.shots"),
            t("report.col.meal")
        );
        for d in &self.days {
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} | {} | {} | {} |",
                d.day,
                d.date,
                won(d.net_worth_won),
                won(d.bribes_won),
                d.risky_items,
                d.screenshots,
                match d.meal.as_str() {
                    "" if d.hungry => t("family.hungry"),
                    "" => String::new(),
                    m => t(&format!("family.{m}")),
                }
            );
        }
    }

    /// The before/after check, a question a row.
    fn md_check(&self, md: &mut String, t: &dyn Fn(&str) -> String) {
        if !self.check.is_empty() {
            let _ = writeln!(md, "\n## {}\n", t("check.report"));
            let _ = writeln!(
                md,
                "| {} | {} | {} |\n|---|---|---|",
                t("check.col.question"),
                t("check.before"),
                t("check.after")
            );
            for r in &self.check {
                let cell = |a: Option<u8>, right: Option<bool>| match (a, right) {
                    (None, _) => "—".to_string(),
                    (Some(_), Some(true)) => t("check.right"),
                    (Some(_), Some(false)) => t("check.wrong"),
                    (Some(a), None) => format!("{a} / {}", crate::check::SCALE),
                };
                let q = if r.answer.is_empty() {
                    r.question.clone()
                } else {
                    format!("{} ({})", r.question, r.answer)
                };
                let _ = writeln!(
                    md,
                    "| {} | {} | {} |",
                    q.replace('|', "/"),
                    cell(r.before, r.before_right),
                    cell(r.after, r.after_right)
                );
            }
        }
    }
}
