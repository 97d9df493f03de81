//! The engine-free session: what the window, the report, the tour and the tests share.
//! A game played through it, saved and restored, replays to the same state; the next
//! scene after an action is decided in one place.

mod common;
use common::*;
use haeju_trader::rules::*;
use haeju_trader::session::{Observer, Scene, Session, replay};
use haeju_trader::sim::{self, Strategy};

fn as_text(s: &GameState) -> String {
    ron::to_string(s).unwrap()
}

#[test]
fn a_game_played_through_the_session_restores_to_the_same_state_whole_and_by_day() {
    for strategy in [Strategy::Cautious, Strategy::Trader, Strategy::Careless] {
        let mut log = Vec::new();
        let (bot_state, _) = sim::play(&level1(), strategy, 7, Some(&mut log));
        let mut s = Session::start_on(level1(), "01", 7, None, None);
        for a in log {
            s.act(a);
        }
        // The session and the simulator take the same door: the same game.
        assert_eq!(as_text(s.state()), as_text(&bot_state), "{strategy:?}");
        let save = s.save();
        let whole = Session::restore(&save, None).expect("the save restores");
        assert_eq!(as_text(whole.state()), as_text(s.state()), "{strategy:?}");
        assert_eq!(whole.day_starts(), s.day_starts());
        // The morning of her last day, at home.
        let last = s.day_starts().len() - 1;
        let day = Session::restore(&save, Some(last)).expect("the last day restores");
        assert_eq!(day.state().day as usize, last, "{strategy:?}");
        assert_eq!(day.state().place, day.state().world.home);
        assert!(Session::restore(&save, Some(99)).is_err());
    }
}

#[test]
fn a_tampered_save_is_refused_with_the_action_that_does_not_fit() {
    let mut s = Session::start_on(level1(), "01", 3, None, None);
    s.act(Action::EndDay);
    let mut save = s.save();
    save.actions.push(Action::HandOver);
    let err = replay(level1(), &save, save.actions.len(), &mut Counter::default())
        .err()
        .expect("refused");
    assert!(err.contains("action 2"), "{err}");
}

#[derive(Default)]
struct Counter {
    before: usize,
    after: usize,
    evenings: usize,
}

impl Observer for Counter {
    fn before(&mut self, _: &GameState, _: &Action) {
        self.before += 1;
    }
    fn after(&mut self, _: &GameState, _: &Action, events: &[Event]) {
        self.after += 1;
        self.evenings += events
            .iter()
            .filter(|e| matches!(e, Event::Evening { .. }))
            .count();
    }
}

#[test]
fn a_replay_shows_its_observer_every_action_in_order() {
    let mut log = Vec::new();
    let (end, _) = sim::play(&level1(), Strategy::Trader, 11, Some(&mut log));
    let mut s = Session::start_on(level1(), "01", 11, None, None);
    for a in &log {
        s.act(a.clone());
    }
    let save = s.save();
    let mut seen = Counter::default();
    let replayed = replay(level1(), &save, save.actions.len(), &mut seen).unwrap();
    assert_eq!(seen.before, save.actions.len());
    assert_eq!(seen.after, save.actions.len());
    assert_eq!(seen.evenings, end.ledgers.len());
    assert_eq!(replayed.state().record, end.record);
}

#[test]
fn the_next_scene_follows_what_happened() {
    let w = level1();
    let mut s = Session::start_on(w.clone(), "01", 5, None, None);
    // A walk that nobody interrupts stays in town; the end of the day is the evening.
    let ev = s.act(Action::Wait { minutes: 5 });
    assert_eq!(s.scene_after(&ev, Some(Scene::Town)), None);
    let ev = s.act(Action::EndDay);
    assert_eq!(s.scene_after(&ev, Some(Scene::Town)), Some(Scene::Evening));
    // Walk until stopped: the inspection shows, and stays to show its outcome.
    let (home, street) = (place(&w, "home"), place(&w, "street"));
    let mut scene = None;
    for _ in 0..400 {
        let to = if s.state().place == street {
            home
        } else {
            street
        };
        let ev = s.act(Action::Travel { to });
        scene = s.scene_after(&ev, Some(Scene::Town));
        if s.state().inspection.is_some() || s.state().ending.is_some() {
            break;
        }
    }
    assert_eq!(scene, Some(Scene::Inspection));
    // Handed over, searched, what follows accepted: the outcome stays on screen.
    for _ in 0..3 {
        let ev = s.act(Action::HandOver);
        assert_eq!(
            s.scene_after(&ev, Some(Scene::Inspection)),
            None,
            "the scene stays"
        );
        if s.state().inspection.is_none() {
            break;
        }
    }
    assert!(s.state().inspection.is_none());
    let next = s.scene_after_inspection();
    if s.state().ending.is_some() {
        assert_eq!(next, Scene::Ending);
    } else {
        assert!(matches!(next, Scene::Town | Scene::Evening));
    }
}

#[test]
fn fact_cards_show_once_each_in_the_order_met() {
    let mut s = Session::start_on(level1(), "01", 5, None, None);
    let first = s.card().map(|c| c.id.clone());
    assert_eq!(first.as_deref(), Some("testimony"));
    s.close_card(false);
    s.meet("testimony");
    assert!(
        s.fact_queue().iter().all(|c| c != "testimony"),
        "a card met twice shows once"
    );
    s.close_card(true);
    assert!(s.card().is_none());
}

/// A reload loses nothing (issue 30): the game is saved after every action with where she
/// was, and a continued game opens there, mid-day in the town, at the evening's table, at
/// a stop still going on; a save from the morning opens at the morning.
#[test]
fn a_continued_game_opens_where_it_was_saved() {
    let mut log = Vec::new();
    sim::play(&level1(), Strategy::Trader, 7, Some(&mut log));
    let mut s = Session::start_on(level1(), "01", 7, None, None);
    // Play until she has walked somewhere on the first day.
    let mut it = log.into_iter();
    for a in it.by_ref() {
        let travel = matches!(a, Action::Travel { .. });
        s.act(a);
        if travel && s.state().inspection.is_none() {
            break;
        }
    }
    assert!(s.state().place != s.state().world.home, "she went out");
    let mut save = s.save();
    save.at = "town".into();
    let text = save.to_text().unwrap();
    let back = haeju_trader::save::SaveFile::parse(&text).unwrap();
    assert_eq!(back.at, "town", "the place is kept in the save file");
    let again = Session::restore(&back, None).unwrap();
    assert_eq!(
        again.log().len(),
        s.log().len(),
        "every action is in the save"
    );
    assert_eq!(again.state().place, s.state().place);
    assert_eq!(again.scene_on_continue(&back.at), Some(Scene::Town));
    assert_eq!(
        again.scene_on_continue(""),
        None,
        "a morning save opens at the morning"
    );
    // The evening's table: the day closed, its ledger is there to show again.
    for a in it.by_ref() {
        let end = matches!(a, Action::EndDay);
        s.act(a);
        if end && s.state().ending.is_none() && s.state().inspection.is_none() {
            break;
        }
    }
    let again = Session::restore(&s.save(), None).unwrap();
    assert!(again.evening().is_some());
    assert_eq!(again.scene_on_continue("evening"), Some(Scene::Evening));
}

/// A dated fact card waits for its day (issue 31, point 18): the rice price of 26 May 2024
/// is not shown on 25 April.
#[test]
fn a_dated_card_is_not_shown_before_its_date() {
    let mut s = Session::start_on(level1(), "01", 7, None, None);
    let card = s
        .state()
        .world
        .catalog
        .cards
        .iter()
        .find(|c| c.date.is_some())
        .map(|c| (c.id.clone(), c.date.unwrap()))
        .expect("a dated card");
    assert!(s.state().date() < card.1);
    s.meet(&card.0);
    assert!(!s.fact_queue().contains(&card.0) && !s.facts_seen().contains(&card.0));
}

/// A player who closes the game with a fact card still waiting meets it again on Continue
/// (the class's check asks about the cards a morning brings: issue 34); the cards of the days
/// before are not shown again.
#[test]
fn a_card_left_waiting_comes_again_after_continue() {
    let mut s = Session::for_class("01", 0, "MAPLE7", Some(5)).unwrap();
    s.identify("w8t1ng".into(), false);
    // The first day's cards read (a card holds the keyboard until it is closed).
    while s.card().is_some() {
        s.close_card(false);
    }
    s.act(Action::EndDay);
    let waiting: Vec<String> = s.fact_queue().to_vec();
    assert!(
        waiting
            .iter()
            .any(|c| c == "phone-for-trade" || c == "screenshots"),
        "the second morning brings the check's cards: {waiting:?}"
    );
    let restored = Session::restore(&s.save(), None).unwrap();
    assert_eq!(restored.fact_queue(), &waiting[..], "the same cards wait");
    // Closed, and a day later: only that day's cards would come again.
    while s.card().is_some() {
        s.close_card(false);
    }
    s.act(Action::EndDay);
    let restored = Session::restore(&s.save(), None).unwrap();
    assert!(
        restored.fact_queue().iter().all(|c| !waiting.contains(c)),
        "yesterday's cards are not shown again: {:?}",
        restored.fact_queue()
    );
}
