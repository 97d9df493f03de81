//! Shared by the integration tests: level 1, loaded the way the game loads it.
#![allow(dead_code)]

use haeju_trader::rules::*;
use std::sync::Arc;

pub fn level1() -> Arc<World> {
    haeju_trader::content::load_level("01").unwrap_or_else(|p| panic!("level 1 must load: {p:?}"))
}

/// The id of the starting item with this level id.
pub fn item_id(s: &GameState, level_id: &str) -> u32 {
    s.phone
        .items
        .iter()
        .find(|i| s.world.specs[i.spec as usize].id == level_id)
        .unwrap_or_else(|| panic!("no item {level_id}"))
        .id
}

pub fn place(w: &World, id: &str) -> u16 {
    w.lv()
        .places
        .iter()
        .position(|p| p.id == id)
        .expect("place") as u16
}

pub fn good(w: &World, id: &str) -> u16 {
    w.lv().goods.iter().position(|p| p.id == id).expect("good") as u16
}

/// Ends the game the quickest way a player could: hand the phone over, go home.
pub fn finish(s: &mut GameState, rng: &mut Rng) -> u32 {
    let mut days = 0;
    while s.ending.is_none() {
        let a = if s.inspection.is_some() {
            Action::HandOver
        } else {
            Action::EndDay
        };
        if a == Action::EndDay {
            days += 1;
        }
        apply(s, a, rng);
        assert!(
            days <= s.lv().days + 1,
            "the game did not end within its days"
        );
    }
    days
}
