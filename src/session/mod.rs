//! A game being played, engine-free: the state, its random stream and the action log (a
//! save is level + seed + log), the day starts, which fact card shows when, and what comes
//! after an action. The window, the session report, the tour and the tests all go through
//! it, so a game replays the same way everywhere.

use crate::rules::*;
use crate::save::{SAVE_VERSION, SaveFile};
use std::sync::Arc;

mod cards;
mod replay;
mod scene;
pub use replay::{Observer, Unobserved, replay};
pub use scene::Scene;

/// (The window holds it as a resource; the rest of the game needs no engine.)
#[cfg_attr(feature = "gui", derive(bevy::prelude::Resource))]
pub struct Session {
    level: String,
    seed: u64,
    /// The class code the game was started with (education mode), if any.
    class_code: Option<String>,
    /// Days chosen by the facilitator (None: the level's own).
    days: Option<u32>,
    state: GameState,
    rng: Rng,
    log: Vec<Action>,
    /// Index into `log` at which each day began (day 0 at 0).
    day_starts: Vec<usize>,
    /// Events of the last day start: what arrived overnight.
    morning: Vec<Event>,
    /// Events of the last action.
    last: Vec<Event>,
    /// Everything that happened during the current (or last) inspection.
    inspection_log: Vec<Event>,
    /// The evening ledger to show, once the day closed, and what happened at home that
    /// day (requests missed, a child sick, a memory deleted).
    evening: Option<Ledger>,
    evening_notes: Vec<Event>,
    /// Household events of the day so far.
    day_notes: Vec<Event>,
    /// What the phone did by itself: (day, minute, i18n key), for the phone screen.
    did: Vec<(u16, u16, &'static str)>,
    /// Fact cards met (shown once each) and waiting to be shown.
    facts_seen: Vec<String>,
    fact_queue: Vec<String>,
    /// The check's cards the game ended before showing (the debrief shows them).
    late_cards: Vec<String>,
    /// Only for the check weeks later (`check_alone`).
    alone: bool,
    /// Where in `facts_seen` the current day's cards begin (a restored game shows them
    /// again: the player may have left before closing them).
    day_seen_from: usize,
    /// The reading arm: pages instead of play (`read_instead`).
    reading: bool,
    /// The class's before/after check, as far as it was answered.
    check: crate::check::Answers,
    /// The game's identity (see [`new_id`]; empty for games the tests and the simulator
    /// play), kept in the save and every report.
    id: String,
    /// This game's content intensity: full, or gentle (false).
    full_intensity: bool,
}

/// A game's identity: ten letters and digits from `entropy` (the platform's clock and
/// randomness), so that two students of one class, who play the same seed, never share one.
/// It says nothing about the player.
pub fn new_id(entropy: u64) -> String {
    // SplitMix64's finaliser spreads a clock's low bits over the word.
    let mut z = entropy.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    (0..10)
        .map(|k| ALPHABET[((z >> (k * 6)) % ALPHABET.len() as u64) as usize] as char)
        .collect()
}

impl Session {
    /// The level's id.
    pub fn level(&self) -> &str {
        &self.level
    }
    pub fn seed(&self) -> u64 {
        self.seed
    }
    /// The class code the game was started with (education mode), if any.
    pub fn class_code(&self) -> Option<&str> {
        self.class_code.as_deref()
    }
    /// Days chosen by the facilitator (None: the level's own).
    pub fn days(&self) -> Option<u32> {
        self.days
    }
    /// The rules' state of the game.
    pub fn state(&self) -> &GameState {
        &self.state
    }
    /// The actions taken, in order: replayed, they give the same game (the save is this).
    pub fn log(&self) -> &[Action] {
        &self.log
    }
    /// Where in the log each day began (day 0 at 0).
    pub fn day_starts(&self) -> &[usize] {
        &self.day_starts
    }
    /// What arrived overnight, at the last day's start.
    pub fn morning(&self) -> &[Event] {
        &self.morning
    }
    /// What the last action gave (a refusal too).
    pub fn last(&self) -> &[Event] {
        &self.last
    }
    /// Everything that happened during the current (or last) inspection.
    pub fn inspection_log(&self) -> &[Event] {
        &self.inspection_log
    }
    /// The evening's ledger, once the day closed.
    pub fn evening(&self) -> Option<&Ledger> {
        self.evening.as_ref()
    }
    /// What happened at home on the day just closed (requests missed, a child sick…).
    pub fn evening_notes(&self) -> &[Event] {
        &self.evening_notes
    }
    /// The youngest fell ill last evening (medicine bought or not).
    pub fn child_fell_ill(&self) -> bool {
        self.evening_notes
            .iter()
            .any(|e| matches!(e, Event::ChildSick))
    }
    /// What the phone did by itself: (day, minute, i18n key).
    pub fn did(&self) -> &[(u16, u16, &'static str)] {
        &self.did
    }
    /// The fact cards met (each shown once).
    pub fn facts_seen(&self) -> &[String] {
        &self.facts_seen
    }
    /// The fact cards waiting to be shown, the first on screen.
    pub fn fact_queue(&self) -> &[String] {
        &self.fact_queue
    }
    /// The check's cards the game ended before showing.
    pub fn late_cards(&self) -> &[String] {
        &self.late_cards
    }
    /// A session only for the check weeks later, with no game of the student's behind it
    /// (never saved: the machine's own save stays as it was).
    pub fn check_alone(&mut self) {
        self.alone = true;
    }
    pub fn alone(&self) -> bool {
        self.alone
    }
    /// The class's reading arm: this student reads the level's story and cards instead of
    /// playing (kept in the save).
    pub fn read_instead(&mut self) {
        self.reading = true;
    }
    pub fn reading(&self) -> bool {
        self.reading
    }
    /// The class's before/after check, as far as it was answered.
    pub fn check(&self) -> &crate::check::Answers {
        &self.check
    }
    /// The game's identity (empty for the tests' and the simulator's games).
    pub fn id(&self) -> &str {
        &self.id
    }
    /// The check's form this student answers in `phase` (from the class code and identity).
    pub fn check_form(&self, phase: crate::check::Phase) -> crate::rules::Form {
        let first = crate::check::first_form(self.class_code.as_deref(), &self.id);
        crate::check::form_in(first, phase)
    }
    /// This game's content intensity: full, or gentle (false).
    pub fn full_intensity(&self) -> bool {
        self.full_intensity
    }

    /// Gives a new game its identity and its intensity, as it starts.
    pub fn identify(&mut self, id: String, full_intensity: bool) {
        self.id = id;
        self.full_intensity = full_intensity;
    }
    /// One answer of the check (kept in the save and the report).
    pub fn answer(&mut self, phase: crate::check::Phase, question: &str, answer: u8) {
        self.check.set(phase, question, answer);
    }
    /// The check's phase is over (answered or skipped).
    pub fn finish_check(&mut self, phase: crate::check::Phase) {
        self.check.finish(phase);
    }
    /// The screen a refusal was about was left: the refusal is old news.
    pub fn forget_refusal(&mut self) {
        if matches!(self.last[..], [Event::Rejected(_)]) {
            self.last.clear();
        }
    }
    /// A scene set up by hand (the tour's, a test's): the rules' state to change directly.
    /// The action log no longer replays to it; play never calls this.
    #[doc(hidden)]
    pub fn stage(&mut self) -> &mut GameState {
        &mut self.state
    }
    /// A fact card as if never met (the tour shows a first meeting again).
    #[doc(hidden)]
    pub fn unmeet(&mut self, card: &str) {
        self.facts_seen.retain(|f| f != card);
    }

    pub fn new(level: &str, seed: u64) -> Result<Session, String> {
        Session::start(level, seed, None, None)
    }

    /// A new game on a level from `levels/`; `days` cuts the level short, `class_code` is
    /// kept for the report.
    pub fn start(
        level: &str,
        seed: u64,
        days: Option<u32>,
        class_code: Option<String>,
    ) -> Result<Session, String> {
        Ok(Session::start_on(
            load(level, days)?,
            level,
            seed,
            days,
            class_code,
        ))
    }

    /// A new game on a world already loaded.
    pub fn start_on(
        world: Arc<World>,
        level: &str,
        seed: u64,
        days: Option<u32>,
        class_code: Option<String>,
    ) -> Session {
        let mut rng = new_rng(seed);
        let (state, ev) = new_game(world, &mut rng);
        let mut s = Session {
            level: level.to_string(),
            seed,
            class_code,
            days,
            state,
            rng,
            log: Vec::new(),
            day_starts: vec![0],
            morning: ev.clone(),
            last: Vec::new(),
            inspection_log: Vec::new(),
            evening: None,
            evening_notes: Vec::new(),
            day_notes: Vec::new(),
            did: Vec::new(),
            facts_seen: Vec::new(),
            fact_queue: Vec::new(),
            late_cards: Vec::new(),
            alone: false,
            day_seen_from: 0,
            reading: false,
            check: Default::default(),
            id: String::new(),
            full_intensity: false,
        };
        s.meet("testimony");
        s.note(&ev);
        s
    }

    /// A new game with a class code: the code fixes the seed, so that the whole room plays
    /// the same days (`seed` is used without a valid code).
    pub fn for_class(
        level: &str,
        seed: u64,
        class_code: &str,
        days: Option<u32>,
    ) -> Result<Session, String> {
        let code = crate::content::class_code(class_code);
        let seed = code
            .as_deref()
            .and_then(crate::content::class_seed)
            .unwrap_or(seed);
        Session::start(level, seed, days, code)
    }

    /// The save of this game.
    pub fn save(&self) -> SaveFile {
        SaveFile {
            version: SAVE_VERSION,
            level: self.level.clone(),
            seed: self.seed,
            actions: self.log.clone(),
            day_starts: self.day_starts.clone(),
            class_code: self.class_code.clone(),
            days: self.days,
            check: self.check.clone(),
            id: self.id.clone(),
            full_intensity: self.full_intensity,
            reading: self.reading,
            at: String::new(),
        }
    }

    /// The game is over (its ending shown or due).
    pub fn finished(&self) -> bool {
        self.state.ending.is_some()
    }

    /// Rebuilds a game from a save, up to the start of `day` (all of it when None).
    pub fn restore(save: &SaveFile, day: Option<usize>) -> Result<Session, String> {
        let world = load(&save.level, save.days)?;
        let upto = match day {
            Some(d) => *save
                .day_starts
                .get(d)
                .ok_or_else(|| format!("the save has no day {}", d + 1))?,
            None => save.actions.len(),
        };
        let mut s = replay(world, save, upto, &mut Unobserved)?;
        // The cards of earlier days were shown then; today's may not have been closed
        // (a quit with a card waiting): they come again.
        let today = s
            .facts_seen
            .get(s.day_seen_from..)
            .unwrap_or_default()
            .to_vec();
        s.fact_queue = today;
        Ok(s)
    }

    /// Applies one action. A refused action changes nothing and is not logged.
    pub fn act(&mut self, a: Action) -> Vec<Event> {
        let was_inspected = self.state.inspection.is_some();
        let ev = apply(&mut self.state, a.clone(), &mut self.rng);
        if matches!(ev[..], [Event::Rejected(_)]) {
            self.last = ev.clone();
            return ev;
        }
        self.log.push(a);
        if !was_inspected && self.state.inspection.is_some() {
            self.inspection_log.clear();
        }
        if was_inspected || self.state.inspection.is_some() {
            self.inspection_log.extend(ev.iter().cloned());
        }
        let home = |e: &&Event| {
            matches!(
                e,
                Event::RequestMissed { .. }
                    | Event::MemoryMissed { .. }
                    | Event::ChildSick
                    | Event::ChildBetter
            )
        };
        match ev.iter().position(|e| matches!(e, Event::Evening { .. })) {
            Some(k) => {
                if let Event::Evening { ledger } = &ev[k] {
                    self.evening = Some(**ledger);
                }
                // What happened at home up to the evening is the evening's to tell; what
                // follows belongs to the next day.
                self.day_notes.extend(ev[..k].iter().filter(home).cloned());
                self.evening_notes = std::mem::take(&mut self.day_notes);
                self.day_notes
                    .extend(ev[k + 1..].iter().filter(home).cloned());
                if ev.iter().any(|e| matches!(e, Event::DayStarted { .. })) {
                    self.day_starts.push(self.log.len());
                    self.morning = ev[k + 1..].to_vec();
                }
            }
            None => self.day_notes.extend(ev.iter().filter(home).cloned()),
        }
        self.note(&ev);
        if self.state.ending.is_some() {
            // A game that ended before the check's cards came up: the debrief shows them
            // (the check after the game asks about them).
            let lv = self.state.lv();
            let late: Vec<String> = lv
                .check
                .iter()
                .filter(|c| !self.facts_seen.contains(c))
                .cloned()
                .collect();
            self.facts_seen.extend(late.iter().cloned());
            self.late_cards.extend(late);
        }
        self.last = ev.clone();
        ev
    }
}

/// A level from `levels/` (cut to `days`), or its problems, one a line.
fn load(level: &str, days: Option<u32>) -> Result<Arc<World>, String> {
    crate::content::load_level_days(level, days).map_err(|p| {
        p.iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    })
}
