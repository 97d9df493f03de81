//! `apply`: the one door through which every choice changes the game. `dispatch` only
//! routes; each topic's rules live in their own file.

mod day;
mod dice;
mod household;
mod inspection;
mod phone;
mod streets;
mod trade;

pub use dice::{Rng, new_rng};
pub use inspection::{MAX_OFFERS, at_stake, bribe_needed};
pub use streets::stop_chance;
pub use trade::phone_price;

use day::*;
use dice::*;
use inspection::*;
use phone::*;
use streets::*;
use trade::*;

use super::action::{Action, Consequence, Event, Reject};
use super::scenario::{Currency, Flag, ItemKind, Origin, PlaceKind, SearchStep, Storage};
use super::state::*;
use super::text::Text;
use super::world::World;
use rand::{Rng as _, SeedableRng};
use std::sync::Arc;

pub(super) type Out = Result<(), Reject>;

/// A new game on `world`, at home on the morning of the first day.
pub fn new_game(world: Arc<World>, rng: &mut Rng) -> (GameState, Vec<Event>) {
    let lv = world.lv();
    let mut s = GameState {
        world: world.clone(),
        day: 0,
        minute: 0,
        place: world.home,
        wallet: Wallet {
            won: lv.money.won,
            yuan: lv.money.yuan,
            usd: lv.money.usd,
        },
        stock: world.start_stock.clone(),
        phone: Phone {
            present: true,
            items: Vec::with_capacity(64),
            trace: Vec::with_capacity(256),
            flagged_shots: 0,
            sd_hidden: false,
            use_minutes: 0,
            credit: lv.costs.phone_topup_won,
        },
        notebook: vec![None; world.n_places * world.n_goods],
        noise: Vec::new(),
        deals: Vec::new(),
        rates: (0, 0),
        base: Vec::new(),
        quotes: Vec::new(),
        prices: Vec::new(),
        flow: Vec::new(),
        inspection: None,
        walking_home: false,
        stall_paid_today: false,
        trust: 0,
        heat: 0,
        today: Ledger::default(),
        ledgers: Vec::new(),
        record: Record::default(),
        next_item: 0,
        ending: None,
        lost_days: 0,
        last_evening: false,
        evening: None,
        home: Home::default(),
    };
    for spec in 0..lv.phone.len() {
        add_item(&mut s, &world, spec as u16, None);
    }
    let mut ev = Events {
        list: Vec::new(),
        record: true,
    };
    start_day(&mut s, rng, &mut ev);
    (s, ev.list)
}

pub(super) fn add_item(s: &mut GameState, w: &World, spec: u16, pending_info: Option<u16>) -> u32 {
    let sp = &w.specs[spec as usize];
    s.next_item += 1;
    s.phone.items.push(Item {
        id: s.next_item,
        spec,
        kind: sp.kind,
        storage: sp.storage,
        origin: sp.origin,
        flags: w.spec_flags[spec as usize],
        renamed: None,
        pending_info,
        read: false,
    });
    // A message from a renamed contact arrives under the name she gave it.
    phone::name_thread(s, s.phone.items.len() - 1);
    s.next_item
}

/// Applies one action. A rejected action leaves the state exactly as it was and returns
/// a single [`Event::Rejected`].
pub fn apply(s: &mut GameState, action: Action, rng: &mut Rng) -> Vec<Event> {
    let mut ev = Events {
        list: Vec::with_capacity(8),
        record: true,
    };
    if let Err(r) = run(s, action, rng, &mut ev) {
        ev.list.clear();
        ev.list.push(Event::Rejected(r));
    }
    ev.list
}

/// [`apply`] without the account of what happened, for the simulator: the same rules and
/// the same dice, so the state after each action is the same as [`apply`]'s.
pub fn apply_quiet(s: &mut GameState, action: Action, rng: &mut Rng) -> Result<(), Reject> {
    let mut ev = Events {
        list: Vec::new(),
        record: false,
    };
    run(s, action, rng, &mut ev)
}

/// Where the rules write what happened; a quiet run keeps nothing.
pub(super) struct Events {
    pub(super) list: Vec<Event>,
    pub(super) record: bool,
}

impl Events {
    #[inline(always)]
    pub(super) fn push(&mut self, e: Event) {
        if self.record {
            self.list.push(e);
        }
    }

    /// For an event that costs something to build (it allocates).
    #[inline(always)]
    pub(super) fn push_with(&mut self, e: impl FnOnce() -> Event) {
        if self.record {
            self.list.push(e());
        }
    }
}

fn run(s: &mut GameState, action: Action, rng: &mut Rng, ev: &mut Events) -> Out {
    // The evening at home lasts while she stays in with the phone and the family; the
    // morning, or any step out into the day, ends it (a refused action ends nothing).
    let was = s.evening;
    if !at_home(&action) {
        s.evening = None;
    }
    dispatch(s, action, rng, ev).inspect_err(|_| {
        debug_assert!(ev.list.is_empty(), "a rejected action changed nothing");
        s.evening = was;
    })?;
    if s.ending.is_none() && s.inspection.is_none() && !s.last_evening && s.minute >= CURFEW {
        ev.push(Event::Curfew);
        s.place = s.world.home;
        evening(s, rng, ev);
    }
    Ok(())
}

/// What she can do at home in the evening without ending it.
fn at_home(action: &Action) -> bool {
    matches!(
        action,
        Action::Read { .. }
            | Action::Delete { .. }
            | Action::Rename { .. }
            | Action::RemoveHeart { .. }
            | Action::MoveToSd { .. }
            | Action::MoveToInternal { .. }
            | Action::HideSd
            | Action::ShowSd
            | Action::Forward { .. }
            | Action::Keep { .. }
            | Action::Call { .. }
            | Action::SetMeals { .. }
            | Action::SetWork { .. }
            | Action::Meet { .. }
    )
}

fn dispatch(s: &mut GameState, action: Action, rng: &mut Rng, ev: &mut Events) -> Out {
    if s.ending.is_some() {
        return Err(Reject::GameOver);
    }
    // The last evening: the family's requests can still be met; going to bed ends the game.
    if s.last_evening {
        return match action {
            Action::Meet { request } => household::meet(s, request, ev),
            Action::EndDay => {
                last_night(s, ev);
                Ok(())
            }
            _ => Err(Reject::DaysOver),
        };
    }
    let in_inspection = s.inspection.is_some();
    let inspection_action = matches!(
        action,
        Action::HandOver | Action::Talk | Action::Bribe { .. } | Action::Refuse
    );
    if in_inspection != inspection_action {
        return Err(if in_inspection {
            Reject::InInspection
        } else {
            Reject::NotInInspection
        });
    }
    match action {
        Action::Travel { to } => travel(s, to, rng, ev),
        Action::EndDay => {
            walk_home(s, rng, ev);
            Ok(())
        }
        Action::Wait { minutes } => wait(s, minutes),
        Action::Buy {
            good,
            qty,
            currency,
        } => buy(s, good, qty, currency, ev),
        Action::Sell {
            good,
            qty,
            currency,
        } => sell(s, good, qty, currency, rng, ev),
        Action::Exchange { from, to, amount } => exchange(s, from, to, amount, ev),
        Action::BuyPhone { currency } => buy_phone(s, currency, ev),
        Action::Call { contact } => call(s, contact, ev),
        Action::Read { item } => read(s, item, ev),
        Action::Delete { item } => delete(s, item, ev),
        Action::Rename { item, name } => rename(s, item, &name, ev),
        Action::RemoveHeart { item } => remove_heart(s, item, ev),
        Action::MoveToSd { item } => move_item(s, item, Storage::Sd, ev),
        Action::MoveToInternal { item } => move_item(s, item, Storage::Internal, ev),
        Action::HideSd => hide_sd(s, true, ev),
        Action::ShowSd => hide_sd(s, false, ev),
        Action::Forward { item } => forward(s, item, ev),
        Action::Keep { item } => keep(s, item, ev),
        Action::RepairWipe => repair(s, None, rng, ev),
        Action::RepairConvert { item } => repair(s, Some(item), rng, ev),
        Action::HandOver => hand_over(s, rng, ev),
        Action::Talk => talk(s, rng, ev),
        Action::Bribe { currency, amount } => bribe(s, currency, amount, rng, ev),
        Action::Refuse => refuse(s, rng, ev),
        Action::SetMeals { meals } => household::set_meals(s, meals),
        Action::SetWork { eight_three } => household::set_work(s, eight_three),
        Action::Borrow { won } => household::borrow(s, won, ev),
        Action::Repay { won } => household::repay(s, won, ev),
        Action::Meet { request } => household::meet(s, request, ev),
        Action::Morning => Ok(()),
    }
}
