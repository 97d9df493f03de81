//! The fact cards: which one shows when, met once each, and what the phone did by itself.

use super::*;

impl Session {
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

    pub(super) fn note(&mut self, ev: &[Event]) {
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
    pub(super) fn note_cards(&mut self, lv: &Level, e: &Event) {
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
        if matches!(e, Event::DayStarted { .. }) {
            self.day_seen_from = self.facts_seen.len();
        }
        if matches!(e, Event::DayStarted { day } if *day > 0) {
            // The class's check asks about its cards after the game: a player who has not
            // met one by the second morning meets it then (two a morning, so that all are
            // met by the fourth of a five-day session); otherwise the morning's own card.
            let unmet: Vec<&String> = lv
                .check
                .iter()
                .filter(|f| !self.facts_seen.contains(f))
                .take(2)
                .collect();
            if !unmet.is_empty() {
                for c in unmet {
                    self.meet(c);
                }
            } else if let Some(c) = lv
                .facts
                .iter()
                .find(|f| !self.facts_seen.contains(f) && !in_play(f))
            {
                self.meet(c);
            }
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
