//! A save replayed, action by action, with an observer watching (the session report).

use super::*;

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
    s.reading = save.reading;
    Ok(s)
}
