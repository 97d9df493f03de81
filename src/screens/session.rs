//! The one bridge between the window and the rules: the game state, its random stream and
//! the action log (a save is level + seed + log), plus what the screens need to remember.

use crate::rules::*;
use bevy::prelude::Resource;

#[derive(Resource)]
pub struct Session {
    pub level: String,
    pub seed: u64,
    /// The class code the game was started with (education mode), if any.
    pub class_code: Option<String>,
    /// Days chosen by the facilitator (None: the level's own).
    pub days: Option<u32>,
    pub state: GameState,
    pub rng: Rng,
    pub log: Vec<Action>,
    /// Index into `log` at which each day began (day 0 at 0).
    pub day_starts: Vec<usize>,
    /// Events of the last day start: what arrived overnight.
    pub morning: Vec<Event>,
    /// Events of the last action.
    pub last: Vec<Event>,
    /// Everything that happened during the current (or last) inspection.
    pub inspection_log: Vec<Event>,
    /// The evening ledger to show, once the day closed.
    pub evening: Option<Ledger>,
    /// What the phone did by itself: (minute, i18n key), for the phone screen.
    pub did: Vec<(u16, &'static str)>,
    /// Fact cards met (shown once each) and waiting to be shown.
    pub facts_seen: Vec<String>,
    pub fact_queue: Vec<String>,
    /// Worked out once for the debrief: her report (the timeline) and the merchants who
    /// played like her (the closest bot, simulated).
    pub debrief: Option<Debrief>,
}

pub struct Debrief {
    pub report: Option<crate::report::Report>,
    pub peers: crate::sim::Summary,
}

impl Session {
    pub fn new(level: &str, seed: u64) -> Result<Session, String> {
        Session::start(level, seed, None, None)
    }

    /// A new game; `days` cuts the level short, `class_code` is kept for the report.
    pub fn start(
        level: &str,
        seed: u64,
        days: Option<u32>,
        class_code: Option<String>,
    ) -> Result<Session, String> {
        let world = crate::content::load_level_days(level, days).map_err(|p| {
            p.iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        })?;
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
            did: Vec::new(),
            facts_seen: Vec::new(),
            fact_queue: Vec::new(),
            debrief: None,
        };
        s.meet("testimony");
        s.note(&ev);
        Ok(s)
    }

    /// Replays a saved game: the same level, seed and actions give the same state.
    pub fn replay(save: &crate::save::SaveFile, actions: &[Action]) -> Result<Session, String> {
        let mut s = Session::start(&save.level, save.seed, save.days, save.class_code.clone())?;
        for a in actions {
            s.act(a.clone());
        }
        s.fact_queue.clear();
        Ok(s)
    }

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
        if let Some(k) = ev.iter().position(|e| matches!(e, Event::Evening { .. })) {
            if let Event::Evening { ledger } = &ev[k] {
                self.evening = Some(**ledger);
            }
            if ev.iter().any(|e| matches!(e, Event::DayStarted { .. })) {
                self.day_starts.push(self.log.len());
                self.morning = ev[k + 1..].to_vec();
            }
        }
        self.note(&ev);
        self.last = ev.clone();
        ev
    }

    /// Queues a fact card the first time its mechanic is met (if the level has it).
    pub fn meet(&mut self, card: &str) {
        let lv = self.state.lv();
        if lv.facts.iter().any(|f| f == card) && !self.facts_seen.iter().any(|f| f == card) {
            self.facts_seen.push(card.to_string());
            self.fact_queue.push(card.to_string());
        }
    }

    fn note(&mut self, ev: &[Event]) {
        let lv = self.state.world.clone();
        let lv = lv.lv();
        for e in ev {
            if let Some(cards) = crate::content::mechanic_cards(e) {
                // The first of the cards for this mechanic that the level carries.
                if let Some(c) = cards.iter().find(|c| lv.facts.iter().any(|f| f == *c)) {
                    self.meet(c);
                }
            }
            // From the second morning on, one of the level's cards that nothing in play
            // brings up (no mechanic, inspector, news or campaign of the level).
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
                let c = c.clone();
                self.meet(&c);
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
                Event::Searched { shots, .. } if !shots.is_empty() => {
                    self.meet("check-screenshots")
                }
                Event::Searched { items, .. } => {
                    let portrait = items
                        .iter()
                        .any(|i| self.state.item(*i).is_some_and(|it| it.has(Flag::Portrait)));
                    if portrait {
                        self.meet("portrait-video");
                    }
                }
                _ => {}
            }
            let did = match e {
                Event::AutoDeleted { .. } => Some("did.autodeleted"),
                Event::WordReplaced { .. } => Some("did.word"),
                Event::Screenshot { .. } => Some("did.screenshot"),
                _ => None,
            };
            if let Some(key) = did {
                self.did.push((self.state.minute, key));
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
                let f = f.clone();
                self.meet(&f);
            }
        }
    }
}
