//! Where play goes after an action: the scene to show.

use super::*;

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

impl Session {
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
}
