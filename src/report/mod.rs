//! The session report: what one player did, worked out by replaying her save through the
//! rules (so it holds her real choices, not a summary the screens kept), written as
//! Markdown for people and JSON for tools; and the class summary a facilitator projects,
//! made from many reports or saves. Engine-free: the command line and both game builds
//! use the same code.

use crate::i18n::Tr;
use crate::rules::*;
use crate::save::SaveFile;
use crate::session::{Observer, replay};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Arc;

mod class;
mod effects;
mod markdown;
pub use class::*;
pub use effects::*;

/// Bumped when a field changes meaning; readers accept this format only.
pub const REPORT_FORMAT: u32 = 1;

/// One choice on the timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChoiceKind {
    Stopped,
    HandedOver,
    Talked,
    Refused,
    Paid,
    BribeRefused,
    Consequence,
    Kept,
    Deleted,
    Forwarded,
    NewsDeleted,
    HeartRemoved,
    Renamed,
    MovedToSd,
    MovedToPhone,
    SdHidden,
    TraceWiped,
    Converted,
    PhoneBought,
}

impl ChoiceKind {
    pub fn key(self) -> &'static str {
        match self {
            ChoiceKind::Stopped => "stopped",
            ChoiceKind::HandedOver => "handed_over",
            ChoiceKind::Talked => "talked",
            ChoiceKind::Refused => "refused",
            ChoiceKind::Paid => "paid",
            ChoiceKind::BribeRefused => "bribe_refused",
            ChoiceKind::Consequence => "consequence",
            ChoiceKind::Kept => "kept",
            ChoiceKind::Deleted => "deleted",
            ChoiceKind::Forwarded => "forwarded",
            ChoiceKind::NewsDeleted => "news_deleted",
            ChoiceKind::HeartRemoved => "heart_removed",
            ChoiceKind::Renamed => "renamed",
            ChoiceKind::MovedToSd => "moved_to_sd",
            ChoiceKind::MovedToPhone => "moved_to_phone",
            ChoiceKind::SdHidden => "sd_hidden",
            ChoiceKind::TraceWiped => "trace_wiped",
            ChoiceKind::Converted => "converted",
            ChoiceKind::PhoneBought => "phone_bought",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    /// 1-based day of the level.
    pub day: u16,
    /// "HH:MM".
    pub time: String,
    pub kind: ChoiceKind,
    /// What it was about (an item's name, an inspector and a place, an amount).
    pub what: String,
    /// Money involved, in won (0 when none).
    #[serde(default)]
    pub won: i64,
}

/// One evening's ledger.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DayRow {
    pub day: u16,
    pub date: String,
    pub net_worth_won: i64,
    pub sales_won: i64,
    pub purchases_won: i64,
    pub food_won: i64,
    pub bribes_won: i64,
    pub fines_won: i64,
    pub hungry: bool,
    /// How the family ate: `fed`, `meagre` or `hungry` (see [`meal_key`]).
    #[serde(default)]
    pub meal: String,
    pub items: u16,
    pub risky_items: u16,
    pub screenshots: u16,
}

/// Her counters as the rules kept them, and where she ended.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Totals {
    #[serde(flatten)]
    pub record: Record,
    pub final_worth_won: i64,
    pub risky_items_at_end: u32,
}

impl Totals {
    pub fn of(s: &GameState) -> Totals {
        Totals {
            record: s.record,
            final_worth_won: s.net_worth(),
            risky_items_at_end: s.risky_items() as u32,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub format: u32,
    pub game: String,
    /// The game's identity (random, anonymous; empty in reports older than it): every
    /// export of one game carries the same, so a class counts it once.
    #[serde(default)]
    pub session: String,
    pub level: String,
    pub level_title: String,
    /// Empty when the game was not started with a class code.
    pub class_code: String,
    pub seed: u64,
    /// The language the texts of this report are in ("en" or "ko").
    pub lang: String,
    pub days_in_level: u32,
    pub days_played: u32,
    pub finished: bool,
    /// The ending's key (`thriving`, `phone_lost` ...), or `unfinished`.
    pub ending: String,
    pub ending_title: String,
    pub choices: Vec<Choice>,
    pub days: Vec<DayRow>,
    pub totals: Totals,
    /// The family's photos and videos she deleted, by name, in the order deleted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub memories: Vec<String>,
    /// The before/after check, one row a question (empty when it was not taken).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub check: Vec<crate::check::Row>,
    /// The check alone, weeks later, from a machine without the student's game: no game in
    /// it (the class view counts it only in the check's later group).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub check_only: bool,
    /// The class's reading arm: the student read the level's story and cards instead of
    /// playing (no game in it; the class view compares the arms' checks).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reading: bool,
}

/// "en" or "ko", as reports write it.
pub fn lang_code(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en",
        Lang::Ko => "ko",
    }
}

/// A minute of the day as the clock shows it: 07:05.
pub fn clock(minute: u16) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

/// An item's name as the phone shows it (the player's rename, else the level's name).
fn item_name(s: &GameState, id: u32, lang: Lang) -> Option<String> {
    let it = s.item(id)?;
    Some(match &it.renamed {
        Some(t) => t.get(lang).to_string(),
        None => s.world.specs[it.spec as usize].name.get(lang).to_string(),
    })
}

fn action_item(a: &Action) -> Option<u32> {
    match a {
        Action::Call { contact } => Some(*contact),
        Action::Read { item }
        | Action::Delete { item }
        | Action::Rename { item, .. }
        | Action::RemoveHeart { item }
        | Action::MoveToSd { item }
        | Action::MoveToInternal { item }
        | Action::RepairConvert { item }
        | Action::Forward { item }
        | Action::Keep { item } => Some(*item),
        _ => None,
    }
}

/// The translation key of a step of the consequence ladder.
pub fn consequence_key(c: Consequence) -> &'static str {
    match c {
        Consequence::Warning => "cons.warning",
        Consequence::ForcedDeletion => "cons.deletion",
        Consequence::Confiscation => "cons.confiscation",
        Consequence::Fine => "cons.fine",
        Consequence::CriticismSession => "cons.criticism",
        Consequence::Arrest => "cons.arrest",
    }
}

/// Writes down her choices as a replay goes: what each action was about is read before it
/// is applied (a deleted item is gone after).
struct Timeline<'a> {
    lang: Lang,
    tr: &'a Tr,
    choices: Vec<Choice>,
    /// Before the action: 1-based day, minute, the name of the item it is about, whether
    /// that item was news waiting for an answer.
    day: u16,
    minute: u16,
    name: String,
    was_news: bool,
    /// The family's photos and videos she deleted, by name.
    memories: Vec<String>,
}

impl Observer for Timeline<'_> {
    fn before(&mut self, s: &GameState, a: &Action) {
        let target = action_item(a);
        self.day = s.day + 1;
        self.minute = s.minute;
        self.name = target
            .and_then(|id| item_name(s, id, self.lang))
            .unwrap_or_default();
        self.was_news = target
            .and_then(|id| s.item(id))
            .is_some_and(|it| it.pending_info.is_some());
    }

    fn after(&mut self, s: &GameState, a: &Action, ev: &[Event]) {
        let (day, minute, lang, tr) = (self.day, self.minute, self.lang, self.tr);
        let (name, was_news) = (&self.name, self.was_news);
        for e in ev {
            if let Event::MemoryMissed { spec, .. } = e {
                let name = s.world.specs[*spec as usize].name.get(lang).to_string();
                self.memories.push(name);
            }
        }
        let choices = &mut self.choices;
        // Stopped on arrival: a stop is at the time she got there, not when she set out.
        let arrived = (s.day + 1, s.minute);
        let mut push = |kind, what: String, won: i64| {
            let (day, minute) = if kind == ChoiceKind::Stopped {
                arrived
            } else {
                (day, minute)
            };
            choices.push(Choice {
                day,
                time: clock(minute),
                kind,
                what,
                won,
            })
        };
        match a {
            Action::HandOver => push(ChoiceKind::HandedOver, String::new(), 0),
            Action::Talk => push(ChoiceKind::Talked, String::new(), 0),
            Action::Refuse => push(ChoiceKind::Refused, String::new(), 0),
            _ => {}
        }
        for e in ev {
            match *e {
                Event::Stopped { inspector, place } => {
                    let lv = s.lv();
                    let who = lv.inspectors[inspector as usize].name.get(lang);
                    let at = lv.places[place as usize].name.get(lang);
                    push(ChoiceKind::Stopped, format!("{who} · {at}"), 0);
                }
                Event::BribeAccepted { currency, amount } => push(
                    ChoiceKind::Paid,
                    money(currency, amount),
                    s.to_won(currency, amount),
                ),
                Event::BribeRefused { currency, amount } => push(
                    ChoiceKind::BribeRefused,
                    money(currency, amount),
                    s.to_won(currency, amount),
                ),
                Event::Consequence(c) => push(
                    ChoiceKind::Consequence,
                    tr.get(lang, consequence_key(c)).into(),
                    0,
                ),
                Event::Forwarded { .. } => push(ChoiceKind::Forwarded, name.clone(), 0),
                Event::Kept { .. } => push(ChoiceKind::Kept, name.clone(), 0),
                Event::Deleted { .. } if was_news => push(ChoiceKind::NewsDeleted, name.clone(), 0),
                Event::Deleted { .. } => push(ChoiceKind::Deleted, name.clone(), 0),
                Event::HeartRemoved { .. } => push(ChoiceKind::HeartRemoved, name.clone(), 0),
                Event::Renamed { item } => {
                    let new = item_name(s, item, lang).unwrap_or_default();
                    push(ChoiceKind::Renamed, format!("{name} → {new}"), 0)
                }
                Event::Moved { .. } => {
                    let kind = if matches!(a, Action::MoveToSd { .. }) {
                        ChoiceKind::MovedToSd
                    } else {
                        ChoiceKind::MovedToPhone
                    };
                    push(kind, name.clone(), 0)
                }
                Event::SdHidden(true) => push(ChoiceKind::SdHidden, String::new(), 0),
                Event::TraceWiped { shots, won } => {
                    push(ChoiceKind::TraceWiped, shots.to_string(), won)
                }
                Event::Converted { won, .. } => push(ChoiceKind::Converted, name.clone(), won),
                Event::PhoneBought { currency, paid } => push(
                    ChoiceKind::PhoneBought,
                    money(currency, paid),
                    s.to_won(currency, paid),
                ),
                _ => {}
            }
        }
    }
}

/// "fed", "meagre" or "hungry": an evening as reports and tables name it.
pub fn meal_key(m: Meal) -> &'static str {
    match m {
        Meal::Fed => "fed",
        Meal::AteLittle => "meagre",
        Meal::WentWithout => "hungry",
    }
}

/// The ending's title and words, which follow the family's evenings: a family that got
/// through on porridge was not "fed day after day". `gentle` picks the text that names
/// harm instead of describing it. The ending screen, the debrief and the reports all use it.
pub fn ending_words(
    e: Ending,
    f: FamilyCount,
    gentle: bool,
    lang: Lang,
    tr: &Tr,
) -> (String, String) {
    let mut key = format!("end.{}", e.key());
    if matches!(e, Ending::Thriving | Ending::FamilyFed) && !f.always_fed() {
        key.push_str(".thin");
    }
    let full = format!("{key}.text.full");
    let text = if !gentle && tr.has(&full) {
        tr.fmt(lang, &full, &family_args(f))
    } else {
        tr.fmt(lang, &format!("{key}.text"), &family_args(f))
    };
    (tr.get(lang, &key).to_string(), text)
}

fn family_args(f: FamilyCount) -> [(&'static str, String); 6] {
    [
        ("fed", f.fed.to_string()),
        ("meagre", f.meagre.to_string()),
        ("hungry", f.hungry.to_string()),
        ("evenings", f.evenings().to_string()),
        ("met", f.met.to_string()),
        ("not_met", f.not_met.to_string()),
    ]
}

/// The family's evenings and requests in one line, the same words on every screen and
/// report: "Evenings: 2 fed, 3 meagre, 0 hungry · Requests: 1 met, 1 not met".
pub fn family_line(f: FamilyCount, lang: Lang, tr: &Tr) -> String {
    tr.fmt(lang, "family.line", &family_args(f))
}

/// Replays a save through the rules (the same replay as Continue) and writes down what she
/// chose.
pub fn build(world: &Arc<World>, save: &SaveFile, lang: Lang, tr: &Tr) -> Result<Report, String> {
    let mut timeline = Timeline {
        lang,
        tr,
        choices: Vec::new(),
        day: 0,
        minute: 0,
        name: String::new(),
        was_news: false,
        memories: Vec::new(),
    };
    let session = replay(world.clone(), save, save.actions.len(), &mut timeline)?;
    let s = &session.state();
    let choices = timeline.choices;
    let memories = timeline.memories;
    let lv = s.lv();
    let days = s
        .ledgers
        .iter()
        .map(|l| DayRow {
            day: l.day + 1,
            date: lv.start.plus_days(l.day as i32).to_string(),
            net_worth_won: l.net_worth,
            sales_won: l.sales,
            purchases_won: l.purchases,
            food_won: l.food,
            bribes_won: l.bribes,
            fines_won: l.fines,
            hungry: l.hungry,
            meal: meal_key(l.meal).into(),
            items: l.items,
            risky_items: l.risky_items,
            screenshots: l.trace,
        })
        .collect();
    let (ending, ending_title) = match s.ending {
        Some(e) => (
            e.key().to_string(),
            ending_words(e, s.record.family(), true, lang, tr).0,
        ),
        None => (
            "unfinished".into(),
            tr.get(lang, "report.unfinished").to_string(),
        ),
    };
    Ok(Report {
        format: REPORT_FORMAT,
        game: "haeju-trader".into(),
        session: save.id.clone(),
        level: save.level.clone(),
        level_title: lv.title.get(lang).to_string(),
        class_code: save.class_code.clone().unwrap_or_default(),
        seed: save.seed,
        lang: lang_code(lang).into(),
        days_in_level: lv.days,
        // The day she was on when it ended counts, evening or not.
        days_played: (s.day as u32 + 1).min(lv.days).max(s.ledgers.len() as u32),
        finished: s.ending.is_some(),
        ending,
        ending_title,
        choices,
        memories,
        days,
        totals: Totals::of(s),
        check: crate::check::rows(
            &s.world,
            &save.check,
            crate::check::first_form(save.class_code.as_deref(), &save.id),
            lang,
            tr,
        ),
        check_only: false,
        reading: save.reading,
    })
}

impl Report {
    /// A file name without extension: level, class code (or seed) and the game's identity,
    /// so that a second export of one game replaces the first and two games never share a
    /// name.
    pub fn file_stem(&self) -> String {
        let clean = |s: &str| -> String {
            s.chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect()
        };
        let code = clean(&self.class_code);
        let mut stem = if code.is_empty() {
            format!("haeju-report-{}-{}", self.level, self.seed)
        } else {
            format!("haeju-report-{}-{code}", self.level)
        };
        let id = clean(&self.session);
        if !id.is_empty() {
            stem = format!("{stem}-{id}");
        }
        stem
    }

    pub fn to_json(&self) -> Result<String, String> {
        serde_json::to_string_pretty(self).map_err(|e| e.to_string())
    }

    /// Reads a report written by [`Report::to_json`].
    pub fn from_json(text: &str) -> Result<Report, String> {
        let r: Report = serde_json::from_str(text).map_err(|e| format!("not a report ({e})"))?;
        if r.game != "haeju-trader" {
            return Err(format!("not a Haeju Trader report (game `{}`)", r.game));
        }
        if r.format != REPORT_FORMAT {
            return Err(format!(
                "report format {} (this version reads format {REPORT_FORMAT})",
                r.format
            ));
        }
        Ok(r)
    }

    /// Whether two reports are of the same game, whatever their language: the same level,
    /// seed and class, the same evenings, choices, totals, ending and check answers (a save
    /// and the report made from it, or a report exported twice).
    pub fn same_game(&self, other: &Report) -> bool {
        let answers = |r: &Report| -> Vec<(String, Option<u8>, Option<u8>)> {
            r.check
                .iter()
                .map(|c| (c.id.clone(), c.before, c.after))
                .collect()
        };
        let choices = |r: &Report| -> Vec<(u16, String, ChoiceKind, i64)> {
            r.choices
                .iter()
                .map(|c| (c.day, c.time.clone(), c.kind, c.won))
                .collect()
        };
        self.level == other.level
            && self.seed == other.seed
            && self.class_code == other.class_code
            && self.ending == other.ending
            && self.days == other.days
            && self.totals == other.totals
            && choices(self) == choices(other)
            && answers(self) == answers(other)
    }

    /// Two exports of one game: the same identity (made when the game started).
    pub fn same_session(&self, other: &Report) -> bool {
        !self.session.is_empty() && self.session == other.session
    }

    /// How far a game had come when this was exported: a game only moves forward, so of
    /// two exports of it the one further on is the later (whatever the files' names).
    pub fn progress(&self) -> (bool, u32, usize, usize, usize, usize) {
        let answered = |side: crate::check::Phase| {
            self.check
                .iter()
                .filter(|c| c.side(side).0.is_some())
                .count()
        };
        (
            self.finished,
            self.days_played,
            self.choices.len(),
            answered(crate::check::Phase::Before),
            answered(crate::check::Phase::After),
            answered(crate::check::Phase::Later),
        )
    }

    fn lang(&self) -> Lang {
        if self.lang == "ko" {
            Lang::Ko
        } else {
            Lang::En
        }
    }
}
