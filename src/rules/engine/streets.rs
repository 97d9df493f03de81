//! Streets: walking, the chance of a stop on the way, prices noted on arrival.

use super::*;

pub(super) fn campaign_today(s: &GameState) -> Option<usize> {
    match s.world.days.get(s.day as usize) {
        Some(t) => t.campaign.map(usize::from),
        None => s.world.day_table(s.date()).campaign.map(usize::from),
    }
}

/// Chance (per mille) of being stopped on arriving at `place` by `route`.
pub fn stop_chance(s: &GameState, route: usize, place: usize) -> u32 {
    let lv = s.lv();
    let mut p = lv.routes[route].risk_permille + lv.places[place].risk_permille;
    if let Some(c) = campaign_today(s) {
        p = p * lv.campaigns[c].risk_x_permille / 1000;
    }
    // A trader carrying sacks is easier to notice.
    let carried: u32 = s.stock.iter().sum();
    p += (carried / 10).min(60);
    (p + s.heat).min(900)
}

/// Walks to `to` by the quickest way, one route at a time. Each arrival is its own chance
/// of a stop; a stop, or curfew, ends the walk where it happened.
pub(super) fn travel(s: &mut GameState, to: u16, rng: &mut Rng, ev: &mut Events) -> Out {
    let hop = |s: &GameState| {
        let w = &s.world;
        let next = *w.next_hop.get(s.place as usize)?.get(to as usize)?;
        w.adj[s.place as usize]
            .iter()
            .find(|(p, _)| *p == next)
            .copied()
    };
    if to == s.place {
        return Err(Reject::NoRoute);
    }
    let (mut next, mut route) = hop(s).ok_or(Reject::NoRoute)?;
    for _ in 0..s.world.n_places {
        arrive(s, next, route, rng, ev);
        if s.place == to || s.inspection.is_some() || s.minute >= CURFEW {
            break;
        }
        let Some(h) = hop(s) else { break };
        (next, route) = h;
    }
    Ok(())
}

pub(super) fn arrive(s: &mut GameState, to: u16, route: u16, rng: &mut Rng, ev: &mut Events) {
    let minutes = s.lv().routes[route as usize].minutes as u16;
    s.minute += minutes;
    s.place = to;
    ev.push(Event::Arrived { place: to, minutes });
    note_prices(s, to, ev);
    // (The dice are thrown either way: a level's first stop does not shift the rest.) The
    // first stop comes on the level's day for it to whoever goes out that day and has not
    // been stopped yet; one who stays home then meets the streets' own odds later.
    let stopped = chance(rng, stop_chance(s, route as usize, to as usize));
    let first_due = s.record.inspections == 0
        && to != s.world.home
        && s.lv()
            .first_stop_by_day
            .is_some_and(|d| s.day as u32 + 1 == d);
    if stopped || first_due {
        start_inspection(s, to, first_due, rng, ev);
    }
}

pub(super) fn note_price(s: &mut GameState, good: u16, place: u16, won: i64, ev: &mut Events) {
    let n = s.world.n_goods;
    s.notebook[place as usize * n + good as usize] = Some((s.day, won));
    ev.push(Event::PriceLearned { good, place, won });
}

/// Every price at a place goes into the notebook (seen there, or told by phone).
pub(super) fn note_prices(s: &mut GameState, place: u16, ev: &mut Events) {
    let n = s.world.n_goods;
    let start = place as usize * n;
    if s.prices.len() < start + n {
        return;
    }
    let prices = &s.prices[start..start + n];
    let notes = &mut s.notebook[start..start + n];
    let mut any = false;
    for g in 0..n {
        if prices[g] != 0 {
            notes[g] = Some((s.day, prices[g]));
            any = true;
        }
    }
    if any {
        ev.push(Event::PricesSeen { place });
    }
}

pub(super) fn walk_home(s: &mut GameState, rng: &mut Rng, ev: &mut Events) {
    s.walking_home = true;
    while let Some((next, route)) = s.world.way_home[s.place as usize] {
        arrive(s, next, route, rng, ev);
        if s.inspection.is_some() {
            return;
        }
    }
    s.walking_home = false;
    ev.push(Event::WalkedHome);
    evening(s, rng, ev);
}
