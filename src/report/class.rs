//! A class's reports read together: the files a class view loads (one game counted once),
//! the figures worked out once for the summary, the table and the class view on screen,
//! and the sample class. Engine-free.

use super::*;

/// A file the class summary could not use, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Skipped {
    pub file: String,
    pub why: String,
}

/// Reads one exported report (`.json`) or save (`.ron`): a save is replayed through its
/// level to make the report.
pub fn read_any(text: &str, lang: Lang, tr: &Tr) -> Result<Report, String> {
    let trimmed = text.trim_start();
    if trimmed.is_empty() {
        return Err("empty, or it could not be read".into());
    }
    if trimmed.starts_with('{') {
        return Report::from_json(text);
    }
    let save = SaveFile::parse(text)
        .map_err(|e| format!("neither a Haeju Trader report nor a save: {e}"))?;
    let world = crate::content::load_level_days(&save.level, save.days).map_err(|p| {
        format!(
            "its level `{}` cannot be loaded ({})",
            save.level,
            p.first().map(|p| p.to_string()).unwrap_or_default()
        )
    })?;
    build(&world, &save, lang, tr)
}

fn median(mut v: Vec<i64>) -> i64 {
    v.sort_unstable();
    v.get(v.len() / 2).copied().unwrap_or(0)
}

/// The class as a table a spreadsheet opens (`report --csv`): a header, then one row a
/// report, in the order given, with the file it came from. Column names are English and
/// stable (a facilitator's formulas keep working); texts are quoted where CSV needs it.
pub fn class_csv(reports: &[(String, Report)]) -> String {
    fn cell(s: &str) -> String {
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    }
    let mut csv = String::from(
        "file,class_code,level,seed,days_played,finished,ending,bribes_paid_won,bribes_offered,\
         inspections,caught,items_confiscated,phones_lost,hungry_days,meals_skipped,\
         items_deleted,auto_deleted,memories_deleted,news_kept,news_deleted,forwarded,\
         risky_items_at_end,final_worth_won,facts_right_before,facts_right_after,\
         session,evenings_fed,evenings_meagre,requests_met,requests_not_met,check_forms\n",
    );
    for (file, r) in reports {
        let t = &r.totals;
        let c = &t.record;
        let row = [
            cell(file),
            cell(&r.class_code),
            cell(&r.level),
            r.seed.to_string(),
            r.days_played.to_string(),
            r.finished.to_string(),
            cell(&r.ending),
            c.bribes_paid_won.to_string(),
            c.bribes_offered.to_string(),
            c.inspections.to_string(),
            c.caught.to_string(),
            c.items_confiscated.to_string(),
            c.phones_lost.to_string(),
            c.hungry_days.to_string(),
            c.meals_skipped.to_string(),
            c.deleted.to_string(),
            c.auto_deleted.to_string(),
            c.memories_deleted.to_string(),
            c.news_kept.to_string(),
            c.news_deleted.to_string(),
            c.forwarded.to_string(),
            t.risky_items_at_end.to_string(),
            t.final_worth_won.to_string(),
            right_count(&r.check, |c| c.before_right),
            right_count(&r.check, |c| c.after_right),
            cell(&r.session),
            c.evenings_fed.to_string(),
            c.evenings_meagre.to_string(),
            c.requests_met.to_string(),
            c.requests_missed.to_string(),
            // The forms in the order answered ("A→B"; empty for a report without them).
            r.check
                .iter()
                .find(|row| row.is_fact())
                .map_or(String::new(), |row| row.forms.replace('→', "-")),
        ];
        csv += &row.join(",");
        csv.push('\n');
    }
    csv
}

/// How many fact questions were right (empty when the check was not taken that time).
fn right_count(
    rows: &[crate::check::Row],
    side: impl Fn(&crate::check::Row) -> Option<bool>,
) -> String {
    let asked: Vec<bool> = rows.iter().filter_map(&side).collect();
    if asked.is_empty() {
        String::new()
    } else {
        asked.iter().filter(|r| **r).count().to_string()
    }
}

/// The figures of a class, worked out once for the summary (`report`), the table and the
/// class view on screen, so that the three agree.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Figures {
    pub players: usize,
    /// Level titles in the chosen language (as reported when the level is not here).
    pub levels: Vec<String>,
    pub codes: Vec<String>,
    /// (ending key, title, how many), in the order of [`ENDINGS`], unfinished last.
    pub endings: Vec<(String, String, u32)>,
    /// Per report, in the order loaded.
    pub bribes: Vec<i64>,
    /// Each family's evenings and requests, as the rules counted them.
    pub family: Vec<FamilyCount>,
    pub hungry: Vec<u32>,
    pub deleted: Vec<u32>,
    pub memories: Vec<u32>,
    pub paid: usize,
    pub bribes_total: i64,
    pub bribes_median: i64,
    pub caught: usize,
    pub forwarded: usize,
    pub kept_news: i64,
    pub risky_end: i64,
    pub change: Vec<crate::check::Change>,
    /// Each measure of the check with its paired change and effect size (issue 34).
    pub measures: Vec<crate::check::Measure>,
    /// The same over the class's reading arm (empty when nobody read instead).
    pub reading: Vec<crate::check::Measure>,
    /// Students of the reading arm (who read instead of playing).
    pub readers: usize,
    /// The knowledge measure for each order of the forms (A→B, B→A).
    pub by_order: Vec<(String, crate::stats::Paired)>,
}

impl Figures {
    pub fn of(all: &[&Report], lang: Lang, tr: &Tr) -> Figures {
        // The games; a report of the check alone, weeks later, or of a reader counts only
        // in the check (the readers apart: the two arms are compared).
        let reports: Vec<&Report> = all
            .iter()
            .copied()
            .filter(|r| !r.check_only && !r.reading)
            .collect();
        let readers: Vec<&Report> = all.iter().copied().filter(|r| r.reading).collect();
        let reports = reports.as_slice();
        // Each level the class played, read once (None: not here).
        let mut here: BTreeMap<&str, Option<Arc<World>>> = BTreeMap::new();
        for r in reports {
            here.entry(r.level.as_str())
                .or_insert_with(|| crate::content::load_level(&r.level).ok());
        }
        let mut levels: Vec<String> = reports
            .iter()
            .map(|r| match &here[r.level.as_str()] {
                Some(w) => w.lv().title.get(lang).to_string(),
                None => r.level_title.clone(),
            })
            .collect();
        levels.sort();
        levels.dedup();
        let mut codes: Vec<String> = reports
            .iter()
            .map(|r| r.class_code.clone())
            .filter(|c| !c.is_empty())
            .collect();
        codes.sort_unstable();
        codes.dedup();
        // Each ending as its player saw it: "The family got by" apart from "The family was
        // fed" (the ending's words follow the evenings).
        let mut endings: BTreeMap<(usize, String), (String, u32)> = BTreeMap::new();
        for r in reports {
            let order = ENDINGS
                .iter()
                .position(|e| e.key() == r.ending)
                .unwrap_or(ENDINGS.len());
            let (key, title) = match ENDINGS.get(order) {
                Some(&e) => {
                    let family = r.totals.record.family();
                    let (title, _) = ending_words(e, family, true, lang, tr);
                    let thin = title != tr.get(lang, &format!("end.{}", e.key()));
                    let key = if thin {
                        format!("{}.thin", e.key())
                    } else {
                        e.key().to_string()
                    };
                    (key, title)
                }
                None => (
                    "unfinished".to_string(),
                    tr.get(lang, "report.unfinished").to_string(),
                ),
            };
            endings.entry((order, key)).or_insert((title, 0)).1 += 1;
        }
        let endings = endings
            .into_iter()
            .map(|((_, key), (title, n))| (key, title, n))
            .collect();
        let bribes: Vec<i64> = reports
            .iter()
            .map(|r| r.totals.record.bribes_paid_won)
            .collect();
        let count = |f: fn(&Report) -> bool| reports.iter().filter(|r| f(r)).count();
        Figures {
            players: reports.len(),
            levels,
            codes,
            endings,
            paid: bribes.iter().filter(|b| **b > 0).count(),
            bribes_total: bribes.iter().sum(),
            bribes_median: median(bribes.clone()),
            bribes,
            family: reports.iter().map(|r| r.totals.record.family()).collect(),
            hungry: reports
                .iter()
                .map(|r| r.totals.record.hungry_days)
                .collect(),
            deleted: reports.iter().map(|r| r.totals.record.deleted).collect(),
            memories: reports
                .iter()
                .map(|r| r.totals.record.memories_deleted)
                .collect(),
            caught: count(|r| r.totals.record.caught > 0),
            forwarded: count(|r| r.totals.record.forwarded > 0),
            kept_news: reports
                .iter()
                .map(|r| i64::from(r.totals.record.news_kept))
                .sum(),
            risky_end: reports
                .iter()
                .map(|r| i64::from(r.totals.risky_items_at_end))
                .sum(),
            change: class_change(reports, &here, lang, tr),
            measures: crate::check::measures(
                all.iter()
                    .filter(|r| !r.reading)
                    .map(|r| r.check.as_slice()),
                lang,
                tr,
            ),
            reading: if readers.is_empty() {
                Vec::new()
            } else {
                crate::check::measures(readers.iter().map(|r| r.check.as_slice()), lang, tr)
            },
            readers: readers.len(),
            by_order: crate::check::knowledge_by_order(reports.iter().map(|r| r.check.as_slice())),
        }
    }
}

impl Figures {
    /// The class view's page on the family's evenings: the class's evenings in one line,
    /// then how many students' families were fed every evening, had meagre evenings but
    /// never a hungry one, and went hungry at least once.
    pub fn family_page(&self, lang: Lang, tr: &Tr) -> (String, [(String, usize); 3]) {
        let sum = |f: fn(&FamilyCount) -> u32| self.family.iter().map(f).sum::<u32>().to_string();
        let total = tr.fmt(
            lang,
            "class.fam.total",
            &[
                ("fed", sum(|x| x.fed)),
                ("meagre", sum(|x| x.meagre)),
                ("hungry", sum(|x| x.hungry)),
            ],
        );
        let count = |f: fn(&FamilyCount) -> bool| self.family.iter().filter(|x| f(x)).count();
        let rows = [
            (
                tr.get(lang, "class.fam.fed").to_string(),
                // (A game not yet played to its first evening is in no row.)
                count(|x| x.evenings() > 0 && x.always_fed()),
            ),
            (
                tr.get(lang, "class.fam.meagre").to_string(),
                count(|x| x.meagre > 0 && x.hungry == 0),
            ),
            (
                tr.get(lang, "class.fam.hungry").to_string(),
                count(|x| x.hungry > 0),
            ),
        ];
        (total, rows)
    }
}

/// The before/after change, each question in the chosen language where its level is here.
fn class_change(
    reports: &[&Report],
    here: &BTreeMap<&str, Option<Arc<World>>>,
    lang: Lang,
    tr: &Tr,
) -> Vec<crate::check::Change> {
    let mut change = crate::check::class_change(reports.iter().map(|r| r.check.as_slice()));
    for c in &mut change {
        let level = reports
            .iter()
            .find(|r| r.check.iter().any(|row| row.id == c.id))
            .and_then(|r| here.get(r.level.as_str()).cloned().flatten());
        if let Some(q) = crate::check::ask(&c.id, level.as_deref(), lang, tr) {
            c.question = q;
        }
    }
    change
}

/// The sample class (`haeju-trader sample-class`, the tour's class view): five sessions
/// under one class code, one by each of the simulator's [`CLASS_STYLES`](crate::sim::CLASS_STYLES),
/// each with its save and its report.
pub fn sample_class(
    level: &str,
    code: &str,
    days: Option<u32>,
    lang: Lang,
    tr: &Tr,
) -> Result<Vec<(crate::sim::Strategy, SaveFile, Report)>, String> {
    crate::sim::CLASS_STYLES
        .iter()
        .map(|&style| {
            let s = crate::sim::play_session(level, style, code, days)?;
            let save = s.save();
            let r = build(&s.state().world, &save, lang, tr)?;
            Ok((style, save, r))
        })
        .collect()
}

/// The reports a class view holds, in the order loaded, and the files it could not use.
#[derive(Clone, Debug, Default)]
pub struct Class {
    pub reports: Vec<(String, Report)>,
    pub skipped: Vec<Skipped>,
}

impl Class {
    /// Reads one file (a report or a save): kept, or named among the skipped with why. A
    /// file loaded twice counts once.
    pub fn add(&mut self, file: &str, text: &str, lang: Lang, tr: &Tr) {
        let r = match read_any(text, lang, tr) {
            Ok(r) => r,
            Err(why) => {
                self.skipped.push(Skipped {
                    file: file.to_string(),
                    why,
                });
                return;
            }
        };
        // One game, one student: of two exports of a game (before and after the check
        // after it, under any name or language), the later one counts.
        let twin = self.reports.iter().position(|(_, had)| {
            match (had.session.is_empty(), r.session.is_empty()) {
                (false, false) => had.same_session(&r),
                // Reports older than games' identities: the same play, the same game.
                _ => had.same_game(&r),
            }
        });
        let Some(k) = twin else {
            self.reports.push((file.to_string(), r));
            return;
        };
        let had = &self.reports[k];
        // The same file again (the exports folder read twice): nothing to say.
        if had.0 == file && had.1.same_game(&r) {
            return;
        }
        let earlier = tr.get(lang, "class.earlier").to_string();
        if r.progress() > had.1.progress() {
            let (old, _) = std::mem::replace(&mut self.reports[k], (file.to_string(), r));
            self.skipped.push(Skipped {
                file: old,
                why: earlier,
            });
        } else {
            let why = if had.1.same_game(&r) {
                tr.get(lang, "class.twice").to_string()
            } else {
                earlier
            };
            self.skipped.push(Skipped {
                file: file.to_string(),
                why,
            });
        }
    }

    pub fn figures(&self, lang: Lang, tr: &Tr) -> Figures {
        let rs: Vec<&Report> = self.reports.iter().map(|(_, r)| r).collect();
        Figures::of(&rs, lang, tr)
    }
}

/// The class summary, in Markdown: endings, bribes, what was kept, who forwarded the news.
pub fn class_summary(reports: &[Report], skipped: &[Skipped], lang: Lang, tr: &Tr) -> String {
    let t = |k: &str| tr.get(lang, k).to_string();
    let f = Figures::of(&reports.iter().collect::<Vec<_>>(), lang, tr);
    let n = f.players;
    let mut md = String::new();
    let _ = writeln!(md, "# {}\n", t("summary.title"));
    let _ = writeln!(md, "- **{}:** {n}", t("summary.players"));
    // The files that count in the check only: readers, and the check alone weeks later.
    let alone = reports.iter().filter(|r| r.check_only).count();
    for (key, k) in [("summary.readers", f.readers), ("summary.alone", alone)] {
        if k > 0 {
            let _ = writeln!(md, "- **{}:** {k}", t(key));
        }
    }
    let _ = writeln!(md, "- **{}:** {}", t("report.level"), f.levels.join(", "));
    if !f.codes.is_empty() {
        let _ = writeln!(
            md,
            "- **{}:** {}",
            t("report.class_code"),
            f.codes.join(", ")
        );
    }
    let _ = writeln!(md, "\n## {}\n", t("summary.endings"));
    let _ = writeln!(
        md,
        "| {} | {} |\n|---|---:|",
        t("report.ending"),
        t("summary.count")
    );
    for (_, title, count) in &f.endings {
        let _ = writeln!(md, "| {title} | {count} |");
    }
    let hungry: u32 = f.family.iter().map(|x| x.hungry).sum();
    let meagre: u32 = f.family.iter().map(|x| x.meagre).sum();
    let not_met: u32 = f.family.iter().map(|x| x.not_met).sum();
    let memories: u32 = f.memories.iter().sum();
    let _ = writeln!(md, "\n## {}\n", t("summary.numbers"));
    let _ = writeln!(md, "| | |\n|---|---:|");
    let rows = [
        (t("summary.paid_bribes"), format!("{} / {n}", f.paid)),
        (t("summary.bribes_total"), won(f.bribes_total)),
        (t("summary.bribes_median"), won(f.bribes_median)),
        (t("summary.caught"), format!("{} / {n}", f.caught)),
        (t("summary.forwarded"), format!("{} / {n}", f.forwarded)),
        (t("summary.kept_news"), f.kept_news.to_string()),
        (t("summary.meagre"), meagre.to_string()),
        (t("summary.hungry"), hungry.to_string()),
        (t("summary.not_met"), not_met.to_string()),
        (t("summary.memories"), memories.to_string()),
        (t("summary.risky_end"), f.risky_end.to_string()),
    ];
    for (k, v) in rows {
        let _ = writeln!(md, "| {k} | {v} |");
    }
    let change = &f.change;
    if change.iter().any(|c| c.paired > 0) {
        let _ = writeln!(md, "\n## {}\n", t("check.report"));
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} |\n|---|---:|---:|---:|---|",
            t("check.col.question"),
            t("check.col.paired"),
            t("check.before"),
            t("check.after"),
            t("check.col.spread")
        );
        for c in change.iter().filter(|c| c.paired > 0) {
            let (b, a) = c.before_after();
            // A view's answers step by step (1 to 5), before → after.
            let spread = if c.is_fact {
                String::new()
            } else {
                let side = |f: fn(&(u32, u32)) -> u32| {
                    c.spread
                        .iter()
                        .map(|x| f(x).to_string())
                        .collect::<Vec<_>>()
                        .join("·")
                };
                format!("{} → {}", side(|x| x.0), side(|x| x.1))
            };
            let _ = writeln!(
                md,
                "| {} | {} | {b} | {a} | {spread} |",
                c.question.replace('|', "/"),
                c.paired
            );
        }
        let _ = writeln!(md, "\n{}", t("check.summary_note"));
    }
    crate::report::effects_summary(&mut md, &f, lang, tr);
    if !skipped.is_empty() {
        let _ = writeln!(md, "\n## {}\n", t("summary.skipped"));
        for s in skipped {
            let _ = writeln!(md, "- `{}`: {}", s.file, s.why);
        }
    }
    md
}
