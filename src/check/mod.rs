//! The class's before/after check (education mode): a few questions before the first day
//! and again after the debrief. Three kinds: questions on the level's check cards, in two
//! parallel forms (one question per card in each; half of a class answers form A before
//! and B after, half the reverse, so that neither a form's difficulty nor remembering the
//! question passes for learning; the card and its source are shown once answered after),
//! the judgement task (`judge`), and
//! questions on how the student sees the people in the story, answered on a five-step
//! scale from "disagree strongly" to "agree strongly". Every question may be skipped; no
//! name is asked for. The answers travel in the save and from there into the session
//! report, where the class view compares before with after. Engine-free.

use crate::i18n::Tr;
use crate::rules::{Form, Lang, World};
use serde::{Deserialize, Serialize};

pub mod judge;

/// The questions on how she and the people around her are seen, the same for every level
/// (texts `check.view.N` in the interface strings).
pub const VIEWS: [&str; 4] = ["choices", "phone", "picture", "blame"];

/// Steps of the agreement scale (1 = disagree strongly … 5 = agree strongly).
pub const SCALE: u8 = 5;

/// When the check is taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Phase {
    Before,
    After,
    /// Weeks after the session, the check alone (the class code's title button): the
    /// form the student answered before, to see what stayed.
    Later,
}

/// One question as a screen shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Question {
    /// Stable across languages and versions: `fact:<card>` or `view:<name>`.
    pub id: String,
    pub ask: String,
    /// The answers to pick from: a fact question's options, or the scale's five steps.
    pub options: Vec<String>,
    /// A fact question's right option.
    pub right: Option<usize>,
    /// A fact question's card.
    pub fact: Option<String>,
    /// A judgement question: the rules' own answer, 1–5 (`judge`).
    pub truth: Option<u8>,
}

impl Question {
    pub fn is_fact(&self) -> bool {
        self.right.is_some()
    }

    /// The line above the question: what kind of question it is.
    pub fn prompt_key(&self) -> &'static str {
        if self.is_fact() {
            "check.facts"
        } else if self.truth.is_some() {
            "check.judge"
        } else {
            "check.views"
        }
    }
}

/// The form a student answers first, from the class code and the game's identity (never
/// the student's choice): about half of a class starts with each.
pub fn first_form(class_code: Option<&str>, id: &str) -> Form {
    if mixed(class_code, id) & 1 == 0 {
        Form::A
    } else {
        Form::B
    }
}

/// A hash of the class code and a game's identity whose every bit depends on every byte.
fn mixed(class_code: Option<&str>, id: &str) -> u64 {
    let h = format!("{}/{id}", class_code.unwrap_or(""))
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
    // (FNV alone mixes the last bytes poorly: SplitMix64's finaliser spreads every byte
    // over every bit.)
    let mut z = h ^ (h >> 30);
    z = z.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// In a class split between playing and reading (`Arm::Half`), whether this game's
/// student reads: from the class code and the game's identity, by another bit than the
/// form's, so that each arm has both form orders.
pub fn reads(class_code: Option<&str>, id: &str) -> bool {
    mixed(class_code, id) & 2 != 0
}

/// The form asked in `phase` by a student who starts with `first`.
pub fn form_in(first: Form, phase: Phase) -> Form {
    match phase {
        Phase::Before | Phase::Later => first,
        Phase::After => first.other(),
    }
}

/// The level's questions of one form in `lang`: a question on each check card, the views,
/// then the judgement task (the same in both forms).
pub fn questions(world: &World, form: Form, lang: Lang, tr: &Tr) -> Vec<Question> {
    let lv = world.lv();
    let not_sure = tr.get(lang, "check.not_sure").to_string();
    let mut qs: Vec<Question> = lv
        .check
        .iter()
        .filter_map(|card| {
            let q = world
                .catalog
                .cards
                .iter()
                .find(|c| &c.id == card)?
                .check
                .iter()
                .find(|q| q.form == form)?;
            let mut options: Vec<String> =
                q.options.iter().map(|o| o.get(lang).to_string()).collect();
            options.push(not_sure.clone());
            Some(Question {
                id: format!("fact:{card}:{}", form.letter()),
                ask: q.ask.get(lang).to_string(),
                options,
                right: Some(q.right),
                fact: Some(card.clone()),
                truth: None,
            })
        })
        .collect();
    let scale: Vec<String> = (1..=SCALE)
        .map(|n| tr.get(lang, &format!("check.scale.{n}")).to_string())
        .collect();
    qs.extend(VIEWS.iter().map(|v| Question {
        id: format!("view:{v}"),
        ask: tr.get(lang, &format!("check.view.{v}")).to_string(),
        options: scale.clone(),
        right: None,
        fact: None,
        truth: None,
    }));
    qs.extend(judge::questions(lv, lang, tr));
    qs
}

/// What one student answered: per question id, the option picked (a fact question: the
/// option's index; a view: the scale's step, 1–5). A question skipped is not there.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answers {
    #[serde(default)]
    pub before: Vec<(String, u8)>,
    #[serde(default)]
    pub after: Vec<(String, u8)>,
    /// Weeks later (`Phase::Later`); empty until then.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub later: Vec<(String, u8)>,
    /// Whether each check was finished (answered or skipped to its end).
    #[serde(default)]
    pub before_done: bool,
    #[serde(default)]
    pub after_done: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub later_done: bool,
}

impl Answers {
    pub fn is_empty(&self) -> bool {
        *self == Answers::default()
    }

    pub fn of(&self, phase: Phase) -> &Vec<(String, u8)> {
        match phase {
            Phase::Before => &self.before,
            Phase::After => &self.after,
            Phase::Later => &self.later,
        }
    }

    pub fn get(&self, phase: Phase, id: &str) -> Option<u8> {
        self.of(phase)
            .iter()
            .find(|(q, _)| q == id)
            .map(|(_, a)| *a)
    }

    /// Records (or changes) an answer.
    pub fn set(&mut self, phase: Phase, id: &str, answer: u8) {
        let list = match phase {
            Phase::Before => &mut self.before,
            Phase::After => &mut self.after,
            Phase::Later => &mut self.later,
        };
        match list.iter_mut().find(|(q, _)| q == id) {
            Some(slot) => slot.1 = answer,
            None => list.push((id.to_string(), answer)),
        }
    }

    pub fn done(&self, phase: Phase) -> bool {
        match phase {
            Phase::Before => self.before_done,
            Phase::After => self.after_done,
            Phase::Later => self.later_done,
        }
    }

    pub fn finish(&mut self, phase: Phase) {
        match phase {
            Phase::Before => self.before_done = true,
            Phase::After => self.after_done = true,
            Phase::Later => self.later_done = true,
        }
    }
}

/// One question's answers in a session report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Row {
    pub id: String,
    /// The question in the report's language.
    pub question: String,
    /// A fact question of an older report: its right answer, in words (today's rows stand
    /// for a card asked in two forms: empty).
    #[serde(default)]
    pub answer: String,
    /// A check card's row: the forms in the order answered, "A→B" or "B→A".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub forms: String,
    /// A fact question: the option's index (the last, "not sure"); a view: 1–5. None:
    /// skipped or not asked.
    pub before: Option<u8>,
    pub after: Option<u8>,
    /// A fact question: whether each was right.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before_right: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after_right: Option<bool>,
    /// Weeks later (the before question's form again), where the check was taken then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub later: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub later_right: Option<bool>,
    /// A judgement question: the rules' own answer, 1–5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub truth: Option<u8>,
}

impl Row {
    pub fn is_fact(&self) -> bool {
        self.id.starts_with("fact:")
    }

    pub fn is_judge(&self) -> bool {
        self.id.starts_with("judge:")
    }
}

/// The report's rows: one per check card (the before form's answer against the after
/// form's, the card's title as its question), then one per view and rating (none when the
/// check was never taken).
pub fn rows(world: &World, a: &Answers, first: Form, lang: Lang, tr: &Tr) -> Vec<Row> {
    if a.before.is_empty() && a.after.is_empty() && a.later.is_empty() {
        return Vec::new();
    }
    let before = questions(world, form_in(first, Phase::Before), lang, tr);
    let after = questions(world, form_in(first, Phase::After), lang, tr);
    let right = |q: &Question, x: Option<u8>| q.right.and_then(|r| x.map(|x| usize::from(x) == r));
    before
        .into_iter()
        .zip(after)
        .map(|(qb, qa)| {
            let b = a.get(Phase::Before, &qb.id);
            let x = a.get(Phase::After, &qa.id);
            // (Later is the before form again: its question ids are the before's.)
            let l = a.get(Phase::Later, &qb.id);
            match &qb.fact {
                Some(card) => Row {
                    id: format!("fact:{card}"),
                    question: card_title(world, card, lang).unwrap_or(qb.ask.clone()),
                    answer: String::new(),
                    forms: format!(
                        "{}→{}",
                        first.letter().to_ascii_uppercase(),
                        first.other().letter().to_ascii_uppercase()
                    ),
                    before_right: right(&qb, b),
                    after_right: right(&qa, x),
                    later_right: right(&qb, l),
                    truth: None,
                    before: b,
                    after: x,
                    later: l,
                },
                None => Row {
                    truth: qb.truth,
                    id: qb.id,
                    question: qb.ask,
                    answer: String::new(),
                    forms: String::new(),
                    before: b,
                    after: x,
                    later: l,
                    before_right: None,
                    after_right: None,
                    later_right: None,
                },
            }
        })
        .collect()
}

/// A check card's title in `lang`.
fn card_title(world: &World, card: &str, lang: Lang) -> Option<String> {
    world
        .catalog
        .cards
        .iter()
        .find(|c| c.id == card)
        .map(|c| c.title.get(lang).to_string())
}

/// The class's change on one question, counting only the students who answered it both
/// times (a student who skipped one side says nothing about change).
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub id: String,
    pub question: String,
    pub is_fact: bool,
    /// Students who answered before and after.
    pub paired: u32,
    /// A fact question: how many of them were right; a view: the mean step (1–5).
    pub before: f64,
    pub after: f64,
    /// A view: how many of them gave each step (1–5), before and after (a mean hides a
    /// class split in two).
    pub spread: [(u32, u32); SCALE as usize],
}

impl Change {
    /// Shown as "2 / 5 → 4 / 5" (facts) or "2.4 → 3.6" (views).
    pub fn before_after(&self) -> (String, String) {
        if self.is_fact {
            (
                format!("{} / {}", self.before, self.paired),
                format!("{} / {}", self.after, self.paired),
            )
        } else {
            (format!("{:.1}", self.before), format!("{:.1}", self.after))
        }
    }
}

/// Per question (in the order first met), the change across the reports' rows.
pub fn class_change<'a>(reports: impl IntoIterator<Item = &'a [Row]>) -> Vec<Change> {
    let mut out: Vec<Change> = Vec::new();
    for rows in reports {
        // (The judgement task is one measure, not ten questions: `measures`.)
        for r in rows.iter().filter(|r| !r.is_judge()) {
            let i = match out.iter().position(|c| c.id == r.id) {
                Some(i) => i,
                None => {
                    out.push(Change {
                        id: r.id.clone(),
                        question: r.question.clone(),
                        is_fact: r.is_fact(),
                        paired: 0,
                        before: 0.0,
                        after: 0.0,
                        spread: Default::default(),
                    });
                    out.len() - 1
                }
            };
            let c = &mut out[i];
            let (Some(b), Some(a)) = (r.before, r.after) else {
                continue;
            };
            c.paired += 1;
            if c.is_fact {
                c.before += f64::from(u8::from(r.before_right == Some(true)));
                c.after += f64::from(u8::from(r.after_right == Some(true)));
            } else {
                c.before += f64::from(b);
                c.after += f64::from(a);
                if let Some(n) = c.spread.get_mut(usize::from(b).wrapping_sub(1)) {
                    n.0 += 1;
                }
                if let Some(n) = c.spread.get_mut(usize::from(a).wrapping_sub(1)) {
                    n.1 += 1;
                }
            }
        }
    }
    for c in &mut out {
        if !c.is_fact && c.paired > 0 {
            c.before /= f64::from(c.paired);
            c.after /= f64::from(c.paired);
        }
    }
    out
}

/// A question's text in `lang` from its id: a check card's title from the catalog (when
/// its level is here), a view from the interface strings.
pub fn ask(id: &str, world: Option<&World>, lang: Lang, tr: &Tr) -> Option<String> {
    if let Some(v) = id.strip_prefix("view:") {
        return VIEWS
            .contains(&v)
            .then(|| tr.get(lang, &format!("check.view.{v}")).to_string());
    }
    if id.starts_with("judge:") {
        return judge::ask(id, world?.lv(), lang, tr);
    }
    let card = id.strip_prefix("fact:")?;
    card_title(world?, card, lang)
}

/// One measure of the check over a class, with its paired change (issue 34).
#[derive(Clone, Debug, PartialEq)]
pub struct Measure {
    /// Stable across languages: `knowledge` (the share of fact questions right),
    /// `judgement` or `view:<name>` (a view's step, 1–5).
    pub key: String,
    /// What it measures, in the report's language.
    pub name: String,
    /// Before → after, over the students who answered both.
    pub change: crate::stats::Paired,
    /// Before → weeks later, over the students who answered both (the later check joined
    /// to their game on the same machine).
    pub later: crate::stats::Paired,
    /// Weeks later with nothing before to pair it with (the student's game was not on the
    /// machine): how many, and their mean.
    pub later_alone: (usize, f64),
}

/// The knowledge measure for each order of the forms ("A→B", "B→A"): if one form is harder,
/// the two halves of a class change by different amounts (the class's mean cancels it only
/// when the halves are equal).
pub fn knowledge_by_order<'a>(
    reports: impl IntoIterator<Item = &'a [Row]>,
) -> Vec<(String, crate::stats::Paired)> {
    let mut by: Vec<(String, Vec<(f64, f64)>)> =
        vec![("A→B".into(), Vec::new()), ("B→A".into(), Vec::new())];
    for rows in reports {
        let Some(order) = rows.iter().find(|r| r.is_fact()).map(|r| r.forms.as_str()) else {
            continue;
        };
        let Some(slot) = by.iter_mut().find(|(o, _)| o == order) else {
            continue;
        };
        if let (Some(b), Some(a)) = (
            score("knowledge", rows, Phase::Before, Phase::After),
            score("knowledge", rows, Phase::After, Phase::Before),
        ) {
            slot.1.push((b, a));
        }
    }
    by.into_iter()
        .map(|(o, pairs)| (o, crate::stats::paired(&pairs)))
        .collect()
}

impl Measure {
    /// Whether any student answered it both times, or weeks later.
    pub fn has_figures(&self) -> bool {
        self.change.n > 0 || self.later.n > 0 || self.later_alone.0 > 0
    }
}

/// The share of a side's fact questions answered right, over the cards answered on both
/// sides compared (`with`; itself alone): a card skipped on one side says nothing of change,
/// and "not sure" counts as answered and not right. None: no such card.
fn facts_right(rows: &[Row], side: Phase, with: Phase) -> Option<f64> {
    let answered: Vec<bool> = rows
        .iter()
        .filter(|r| r.is_fact() && r.side(with).0.is_some())
        .filter_map(|r| {
            let (picked, right) = r.side(side);
            picked.map(|_| right == Some(true))
        })
        .collect();
    (!answered.is_empty())
        .then(|| answered.iter().filter(|r| **r).count() as f64 / answered.len() as f64)
}

impl Row {
    /// One side's answer, and for a fact question whether it was right.
    pub fn side(&self, side: Phase) -> (Option<u8>, Option<bool>) {
        match side {
            Phase::Before => (self.before, self.before_right),
            Phase::After => (self.after, self.after_right),
            Phase::Later => (self.later, self.later_right),
        }
    }
}

/// One student's score on a measure on one side, compared `with` another side (the
/// judgement task counts the ratings given on both; `side == with`: the side alone).
fn score(key: &str, rows: &[Row], side: Phase, with: Phase) -> Option<f64> {
    match key {
        "knowledge" => facts_right(rows, side, with),
        "judgement" => judge::agreement(rows, |r| r.side(side).0, |r| r.side(with).0),
        view => rows
            .iter()
            .find(|r| r.id == view)
            .and_then(|r| r.side(side).0)
            .map(f64::from),
    }
}

/// The class's measures from each student's rows: the share of fact questions right, how
/// well the ratings of her phone follow the rules', then each view. A student counts in a
/// change when they answered the measure on both sides; weeks later, a student with no
/// before counts in the group alone.
pub fn measures<'a>(
    reports: impl IntoIterator<Item = &'a [Row]>,
    lang: Lang,
    tr: &Tr,
) -> Vec<Measure> {
    let reports: Vec<&[Row]> = reports.into_iter().collect();
    let pairs = |key: &str, a: Phase, b: Phase| -> Vec<(f64, f64)> {
        reports
            .iter()
            .filter_map(|rows| Some((score(key, rows, a, b)?, score(key, rows, b, a)?)))
            .collect()
    };
    let mut keys: Vec<(String, String)> = vec![
        (
            "knowledge".into(),
            tr.get(lang, "check.measure.knowledge").to_string(),
        ),
        (
            "judgement".into(),
            tr.get(lang, "check.measure.judgement").to_string(),
        ),
    ];
    keys.extend(VIEWS.iter().map(|v| {
        (
            format!("view:{v}"),
            tr.get(lang, &format!("check.view.{v}")).to_string(),
        )
    }));
    keys.into_iter()
        .map(|(key, name)| {
            let alone: Vec<f64> = reports
                .iter()
                .filter(|rows| score(&key, rows, Phase::Before, Phase::Later).is_none())
                .filter_map(|rows| score(&key, rows, Phase::Later, Phase::Later))
                .collect();
            let mean = if alone.is_empty() {
                0.0
            } else {
                alone.iter().sum::<f64>() / alone.len() as f64
            };
            Measure {
                change: crate::stats::paired(&pairs(&key, Phase::Before, Phase::After)),
                later: crate::stats::paired(&pairs(&key, Phase::Before, Phase::Later)),
                later_alone: (alone.len(), mean),
                key,
                name,
            }
        })
        .collect()
}
