//! A game being played, engine-free: the state, its random stream and the action log (a
//! save is level + seed + log), the day starts, which fact card shows when, and what comes
//! after an action. The window, the session report, the tour and the tests all go through
//! it, so a game replays the same way everywhere.

use crate::rules::*;
use crate::save::{SAVE_VERSION, SaveFile};
use std::sync::Arc;

/// The part of a day that play moves to after an action (the screens map each to theirs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scene {
    /// Out in the town: the street map or a place.
    Town,
    /// Someone stopped her; the scene stays until she continues after the outcome.
    Inspection,
    /// The day closed: the ledger.
    Evening,
    Ending,
}

/// Watches a replay, action by action (the session report writes down her choices).
pub trait Observer {
    /// Before `a` is applied to `s`.
    fn before(&mut self, _s: &GameState, _a: &Action) {}
    /// After: the state and what happened.
    fn after(&mut self, _s: &GameState, _a: &Action, _events: &[Event]) {}
}

/// An observer that watches nothing.
pub struct Unobserved;
impl Observer for Unobserved {}

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
    /// The class's before/after check, as far as it was answered.
    pub fn check(&self) -> &crate::check::Answers {
        &self.check
    }
    /// The game's identity (empty for the tests' and the simulator's games).
    pub fn id(&self) -> &str {
        &self.id
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
        s.fact_queue.clear();
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
        self.last = ev.clone();
        ev
    }

    /// Where play goes after an action that gave `events`, from `showing`; None: it stays.
    pub fn scene_after(&self, events: &[Event], showing: Option<Scene>) -> Option<Scene> {
        // An inspection stays on screen to show its outcome, even one that ended the game.
        // The day's ledger and the family at the table come before any ending that follows
        // them (the last day's too).
        let to = if self.state.inspection.is_some() || showing == Some(Scene::Inspection) {
            Scene::Inspection
        } else if events.iter().any(|e| matches!(e, Event::Evening { .. })) {
            Scene::Evening
        } else if self.state.ending.is_some() {
            Scene::Ending
        } else {
            return None;
        };
        (Some(to) != showing).then_some(to)
    }

    /// Where play goes when she continues after an inspection's outcome.
    pub fn scene_after_inspection(&self) -> Scene {
        let has = |f: fn(&Event) -> bool| self.inspection_log.iter().any(f);
        // The evening the stop led to (and any ending that evening brought comes after it).
        let evening = has(|e| matches!(e, Event::Evening { .. }))
            && (self.state.ending.is_none() || has(|e| matches!(e, Event::Ended(_))));
        if evening {
            Scene::Evening
        } else if self.state.ending.is_some() {
            Scene::Ending
        } else {
            Scene::Town
        }
    }

    /// Where a continued game opens: a finished one at its ending (never a day past its
    /// last), the last evening at the evening; any other where it was saved (`at`, see
    /// `SaveFile::at`): a stop still going on, the town, the evening, else its morning.
    pub fn scene_on_continue(&self, at: &str) -> Option<Scene> {
        if self.state.ending.is_some() {
            Some(Scene::Ending)
        } else if self.state.last_evening || (at == "evening" && self.evening.is_some()) {
            Some(Scene::Evening)
        } else if self.state.inspection.is_some() {
            Some(Scene::Inspection)
        } else if at == "town" || at == "trade" {
            Some(Scene::Town)
        } else {
            None
        }
    }

    /// The fact card to show now, if any (cards stay queued until closed).
    pub fn card(&self) -> Option<&FactCard> {
        let id = self.fact_queue.first()?;
        self.state.world.catalog.cards.iter().find(|c| &c.id == id)
    }

    /// The shown card was closed (or cards are off: `all`).
    pub fn close_card(&mut self, all: bool) {
        if all {
            self.fact_queue.clear();
        } else if !self.fact_queue.is_empty() {
            self.fact_queue.remove(0);
        }
    }

    /// Queues a fact card the first time its mechanic is met (if the level has it).
    pub fn meet(&mut self, card: &str) {
        let lv = self.state.lv();
        // A dated fact waits for its day (it is met again when its mechanic comes round).
        let today = self.state.date();
        let not_yet = self
            .state
            .world
            .catalog
            .cards
            .iter()
            .any(|c| c.id == card && c.date.is_some_and(|d| d > today));
        if not_yet {
            return;
        }
        if lv.facts.iter().any(|f| f == card) && !self.facts_seen.iter().any(|f| f == card) {
            self.facts_seen.push(card.to_string());
            self.fact_queue.push(card.to_string());
        }
    }

    fn note(&mut self, ev: &[Event]) {
        let world = self.state.world.clone();
        let lv = world.lv();
        // What the phone did after the day closed was done the next morning, at seven (the
        // rules begin the next day with the evening); a screenshot carries its own time.
        let mut next_morning = false;
        for e in ev {
            // (The screenshot card waits for a screenshot she can see: not the next
            // morning's, which the evening does not show yet.)
            if !(next_morning && matches!(e, Event::Screenshot { .. })) {
                self.note_cards(lv, e);
            }
            next_morning |= matches!(e, Event::Evening { .. });
            let did = match e {
                Event::AutoDeleted { .. } => Some("did.autodeleted"),
                Event::WordReplaced { .. } => Some("did.word"),
                Event::Screenshot { .. } => Some("did.screenshot"),
                _ => None,
            };
            if let Some(key) = did {
                let shot = match e {
                    Event::Screenshot { index } => self.state.phone.trace.get(*index as usize),
                    _ => None,
                };
                let (day, minute) = match shot {
                    Some(t) => (t.day, t.minute),
                    None if next_morning => (self.state.day, crate::rules::DAY_START),
                    None => self.state.now(),
                };
                self.did.push((day, minute, key));
            }
        }
        let n = self.did.len();
        if n > 20 {
            self.did.drain(..n - 20);
        }
        let d = self.state.date();
        for c in &lv.campaigns {
            if c.from <= d
                && d <= c.to
                && let Some(f) = &c.fact
            {
                self.meet(f);
            }
        }
    }

    /// The fact cards an event brings up: its mechanic's, its inspector's or news', and
    /// from the second morning on one of the level's cards that nothing in play brings up.
    fn note_cards(&mut self, lv: &Level, e: &Event) {
        if let Some(cards) = crate::content::mechanic_cards(e)
            && let Some(c) = cards.iter().find(|c| lv.facts.iter().any(|f| f == *c))
        {
            self.meet(c);
        }
        let in_play = |f: &String| {
            crate::content::MECHANIC_CARDS.contains(&f.as_str())
                || lv.inspectors.iter().any(|i| i.fact.as_ref() == Some(f))
                || lv.info_events.iter().any(|i| i.fact.as_ref() == Some(f))
                || lv.campaigns.iter().any(|c| c.fact.as_ref() == Some(f))
        };
        if matches!(e, Event::DayStarted { day } if *day > 0)
            && let Some(c) = lv
                .facts
                .iter()
                .find(|f| !self.facts_seen.contains(f) && !in_play(f))
        {
            self.meet(c);
        }
        match e {
            Event::Stopped { inspector, .. } => {
                if let Some(f) = &lv.inspectors[*inspector as usize].fact {
                    self.meet(f);
                }
            }
            Event::InfoArrived { event, .. } => {
                if let Some(f) = &lv.info_events[*event as usize].fact {
                    self.meet(f);
                }
            }
            Event::MessageArrived { message, .. } => {
                if let Some(f) = &lv.messages[*message as usize].fact {
                    self.meet(f);
                }
            }
            Event::Searched { items, shots, .. } => {
                if !shots.is_empty() {
                    self.meet("check-screenshots");
                }
                let found = |f: Flag| {
                    items
                        .iter()
                        .any(|i| self.state.item(*i).is_some_and(|it| it.has(f)))
                };
                let portrait = found(Flag::Portrait);
                let south =
                    found(Flag::Oppa) || found(Flag::SouthStyle) || found(Flag::ForeignMedia);
                if portrait {
                    self.meet("portrait-video");
                }
                // South Korean words or media found: what the laws prescribe for them, and what
                // happened to the Hyesan minors (audit C-1), not only the game's warning.
                if south {
                    self.meet("south-style-law");
                    self.meet("struggle-session");
                }
            }
            _ => {}
        }
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

/// Replays the first `upto` actions of a save on `world`, telling `observer` each step. An
/// action the rules refuse means the save is not of this level or version: an error.
pub fn replay(
    world: Arc<World>,
    save: &SaveFile,
    upto: usize,
    observer: &mut dyn Observer,
) -> Result<Session, String> {
    let actions = save
        .actions
        .get(..upto)
        .ok_or("the save's day list does not match its actions")?;
    let mut s = Session::start_on(
        world,
        &save.level,
        save.seed,
        save.days,
        save.class_code.clone(),
    );
    for (k, a) in actions.iter().enumerate() {
        observer.before(&s.state, a);
        let ev = s.act(a.clone());
        if let [Event::Rejected(r)] = ev[..] {
            return Err(format!(
                "action {} of the save is refused by the rules ({r:?}): the save does not belong to this level or version",
                k + 1
            ));
        }
        observer.after(&s.state, a, &ev);
    }
    s.check = save.check.clone();
    s.id = save.id.clone();
    s.full_intensity = save.full_intensity;
    Ok(s)
}
