//! `apply`: the one door through which every choice changes the game.

use super::action::{Action, Consequence, Event, Reject};
use super::scenario::{Currency, Flag, ItemKind, Origin, PlaceKind, SearchStep, Storage};
use super::state::*;
use super::text::Text;
use super::world::World;
use rand::{Rng as _, SeedableRng};
use std::sync::Arc;

/// The game's random stream: ChaCha8, stable across versions and platforms.
pub type Rng = rand_chacha::ChaCha8Rng;

pub fn new_rng(seed: u64) -> Rng {
    Rng::seed_from_u64(seed)
}

/// A number in 0..n. Modulo of a 64-bit draw: the bias is far below anything a player
/// could notice, and it keeps the stream independent of `rand`'s distribution code.
#[inline]
fn roll(rng: &mut Rng, n: u32) -> u32 {
    (rng.next_u64() % n.max(1) as u64) as u32
}

#[inline]
fn chance(rng: &mut Rng, permille: u32) -> bool {
    roll(rng, 1000) < permille
}

type Out = Result<(), Reject>;

/// A new game on `world`, at home on the morning of the first day.
pub fn new_game(world: Arc<World>, rng: &mut Rng) -> (GameState, Vec<Event>) {
    let lv = world.lv();
    let mut s = GameState {
        wallet: Wallet {
            won: lv.money.won,
            yuan: lv.money.yuan,
            usd: lv.money.usd,
        },
        stock: world.start_stock.clone(),
        notebook: vec![None; world.n_places * world.n_goods],
        place: world.home,
        phone: Phone {
            present: true,
            items: Vec::with_capacity(64),
            trace: Vec::with_capacity(256),
            flagged_shots: 0,
            sd_hidden: false,
            use_minutes: 0,
            credit: lv.costs.phone_topup_won,
        },
        ..GameState::default()
    };
    for spec in 0..lv.phone.len() {
        add_item(&mut s, &world, spec as u16, None);
    }
    s.world = world;
    let mut ev = Events {
        list: Vec::new(),
        record: true,
    };
    start_day(&mut s, rng, &mut ev);
    (s, ev.list)
}

fn add_item(s: &mut GameState, w: &World, spec: u16, pending_info: Option<u16>) -> u32 {
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
struct Events {
    list: Vec<Event>,
    record: bool,
}

impl Events {
    #[inline(always)]
    fn push(&mut self, e: Event) {
        if self.record {
            self.list.push(e);
        }
    }

    /// For an event that costs something to build (it allocates).
    #[inline(always)]
    fn push_with(&mut self, e: impl FnOnce() -> Event) {
        if self.record {
            self.list.push(e());
        }
    }
}

fn run(s: &mut GameState, action: Action, rng: &mut Rng, ev: &mut Events) -> Out {
    dispatch(s, action, rng, ev).inspect_err(|_| {
        debug_assert!(ev.list.is_empty(), "a rejected action changed nothing");
    })?;
    if s.ending.is_none() && s.inspection.is_none() && s.minute >= CURFEW {
        ev.push(Event::Curfew);
        s.place = s.world.home;
        evening(s, rng, ev);
    }
    Ok(())
}

fn dispatch(s: &mut GameState, action: Action, rng: &mut Rng, ev: &mut Events) -> Out {
    if s.ending.is_some() {
        return Err(Reject::GameOver);
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
        Action::Call { contact } => call(s, contact, ev),
        Action::Read { item } => {
            let i = phone_item(s, item)?;
            s.phone.items[i].read = true;
            use_phone(s, 2, item, ev);
            s.minute += 2;
            Ok(())
        }
        Action::Delete { item } => {
            phone_item(s, item)?;
            use_phone(s, 1, item, ev);
            let i = phone_item(s, item)?;
            s.phone.items.remove(i);
            s.record.deleted += 1;
            s.minute += 1;
            ev.push(Event::Deleted { item });
            Ok(())
        }
        Action::Rename { item, name } => rename(s, item, &name, ev),
        Action::RemoveHeart { item } => {
            let i = phone_item(s, item)?;
            if !s.phone.items[i].has(Flag::Heart) {
                return Err(Reject::NoHeart);
            }
            s.phone.items[i].flags &= !Flag::Heart.bit();
            use_phone(s, 1, item, ev);
            s.minute += 1;
            ev.push(Event::HeartRemoved { item });
            Ok(())
        }
        Action::MoveToSd { item } => move_item(s, item, Storage::Sd, ev),
        Action::MoveToInternal { item } => move_item(s, item, Storage::Internal, ev),
        Action::HideSd | Action::ShowSd => {
            if !s.phone.present {
                return Err(Reject::NoPhone);
            }
            let hide = action == Action::HideSd;
            if s.phone.sd_hidden == hide {
                return Err(Reject::AlreadyThere);
            }
            s.phone.sd_hidden = hide;
            s.minute += 5;
            ev.push(Event::SdHidden(hide));
            Ok(())
        }
        Action::RepairWipe => repair(s, None, rng, ev),
        Action::RepairConvert { item } => repair(s, Some(item), rng, ev),
        Action::Forward { item } => forward(s, item, ev),
        Action::Keep { item } => {
            let i = phone_item(s, item)?;
            if s.phone.items[i].pending_info.take().is_none() {
                return Err(Reject::NothingPending);
            }
            s.phone.items[i].read = true;
            use_phone(s, 1, item, ev);
            s.minute += 1;
            ev.push(Event::Kept { item });
            Ok(())
        }
        Action::HandOver => hand_over(s, rng, ev),
        Action::Talk => talk(s, rng, ev),
        Action::Bribe { currency, amount } => bribe(s, currency, amount, rng, ev),
        Action::Refuse => refuse(s, rng, ev),
        Action::BuyPhone { currency } => buy_phone(s, currency, ev),
        Action::Wait { minutes } => {
            if minutes == 0 || minutes > 240 {
                return Err(Reject::BadAmount);
            }
            s.minute += minutes;
            Ok(())
        }
        Action::EndDay => {
            walk_home(s, rng, ev);
            Ok(())
        }
    }
}

// ---------------------------------------------------------------- streets

fn campaign_today(s: &GameState) -> Option<usize> {
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
fn travel(s: &mut GameState, to: u16, rng: &mut Rng, ev: &mut Events) -> Out {
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

fn arrive(s: &mut GameState, to: u16, route: u16, rng: &mut Rng, ev: &mut Events) {
    let minutes = s.lv().routes[route as usize].minutes as u16;
    s.minute += minutes;
    s.place = to;
    ev.push(Event::Arrived { place: to, minutes });
    note_prices(s, to, ev);
    if chance(rng, stop_chance(s, route as usize, to as usize)) {
        start_inspection(s, to, rng, ev);
    }
}

fn note_price(s: &mut GameState, good: u16, place: u16, won: i64, ev: &mut Events) {
    let n = s.world.n_goods;
    s.notebook[place as usize * n + good as usize] = Some((s.day, won));
    ev.push(Event::PriceLearned { good, place, won });
}

/// Every price at a place goes into the notebook (seen there, or told by phone).
fn note_prices(s: &mut GameState, place: u16, ev: &mut Events) {
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

fn walk_home(s: &mut GameState, rng: &mut Rng, ev: &mut Events) {
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

// ---------------------------------------------------------------- trade

fn trade_price(s: &GameState, good: u16) -> Result<i64, Reject> {
    let w = &s.world;
    if good as usize >= w.n_goods {
        return Err(Reject::NotTradedHere);
    }
    let price = s
        .price(good as usize, s.place as usize)
        .ok_or(Reject::NotTradedHere)?;
    if w.lv().places[s.place as usize].market_hours && !s.market_open() {
        return Err(Reject::MarketClosed);
    }
    Ok(price)
}

/// Won → an amount of `c`, rounded up (what the seller asks) or down (what is paid out).
fn won_in(s: &GameState, c: Currency, won: i64, up: bool) -> i64 {
    let rate = s.to_won(c, 1);
    if up {
        (won + rate - 1) / rate
    } else {
        won / rate
    }
}

fn buy(s: &mut GameState, good: u16, qty: u32, c: Currency, ev: &mut Events) -> Out {
    if qty == 0 || qty > 1000 {
        return Err(Reject::BadAmount);
    }
    let won = trade_price(s, good)? * qty as i64;
    if s.stock.iter().sum::<u32>() + qty > s.lv().carry_kg {
        return Err(Reject::TooHeavy);
    }
    let pay = won_in(s, c, won, true);
    if s.wallet.get(c) < pay {
        return Err(Reject::NotEnoughMoney);
    }
    *s.wallet.get_mut(c) -= pay;
    s.stock[good as usize] += qty;
    let n = s.world.n_goods;
    s.flow[s.place as usize * n + good as usize] -= qty as i32;
    s.move_price(s.place as usize, good as usize);
    s.today.purchases += s.to_won(c, pay);
    s.minute += 10;
    ev.push(Event::Bought {
        good,
        qty,
        currency: c,
        paid: pay,
    });
    Ok(())
}

fn sell(
    s: &mut GameState,
    good: u16,
    qty: u32,
    c: Currency,
    rng: &mut Rng,
    ev: &mut Events,
) -> Out {
    if qty == 0 || qty > 1000 {
        return Err(Reject::BadAmount);
    }
    let price = trade_price(s, good)?;
    if s.stock[good as usize] < qty {
        return Err(Reject::NotEnoughStock);
    }
    let place = &s.lv().places[s.place as usize];
    let got = won_in(s, c, price * qty as i64, false);
    if got == 0 {
        return Err(Reject::BadAmount);
    }
    let fee = if place.stall && !s.stall_paid_today {
        s.lv().costs.stall_fee_won
    } else {
        0
    };
    let won_after = s.wallet.won + if c == Currency::Won { got } else { 0 };
    if won_after < fee {
        return Err(Reject::NotEnoughMoney);
    }
    let grasshopper = !place.stall
        && matches!(
            place.kind,
            PlaceKind::Alley | PlaceKind::Street | PlaceKind::Station
        );
    if grasshopper && chance(rng, 120) {
        // Unregistered "grasshopper" selling: the market guards chase you off [144].
        let lost = (qty / 10).max(1);
        s.stock[good as usize] -= lost;
        s.minute += 20;
        ev.push(Event::ChasedOff { good, lost });
        return Ok(());
    }
    s.stock[good as usize] -= qty;
    *s.wallet.get_mut(c) += got;
    let n = s.world.n_goods;
    s.flow[s.place as usize * n + good as usize] += qty as i32;
    s.move_price(s.place as usize, good as usize);
    s.today.sales += s.to_won(c, got);
    if fee > 0 {
        s.wallet.won -= fee;
        s.today.fees += fee;
        s.stall_paid_today = true;
        ev.push(Event::StallFee { won: fee });
    }
    s.minute += 15;
    ev.push(Event::Sold {
        good,
        qty,
        currency: c,
        got,
    });
    Ok(())
}

fn exchange(s: &mut GameState, from: Currency, to: Currency, amount: i64, ev: &mut Events) -> Out {
    if !s.lv().places[s.place as usize].changer {
        return Err(Reject::NoChanger);
    }
    if from == to {
        return Err(Reject::SameCurrency);
    }
    if amount <= 0 {
        return Err(Reject::BadAmount);
    }
    if s.wallet.get(from) < amount {
        return Err(Reject::NotEnoughMoney);
    }
    let spread = s.lv().costs.exchange_spread_permille as i64;
    let won = s.to_won(from, amount) * (1000 - spread) / 1000;
    let got = won_in(s, to, won, false);
    if got <= 0 {
        return Err(Reject::BadAmount);
    }
    *s.wallet.get_mut(from) -= amount;
    *s.wallet.get_mut(to) += got;
    let fee = s.to_won(from, amount) - s.to_won(to, got);
    s.today.fees += fee;
    s.minute += 10;
    ev.push(Event::Exchanged {
        from,
        to,
        paid: amount,
        got,
    });
    Ok(())
}

fn buy_phone(s: &mut GameState, c: Currency, ev: &mut Events) -> Out {
    if s.phone.present {
        return Err(Reject::HavePhone);
    }
    let place = &s.lv().places[s.place as usize];
    if place.kind != PlaceKind::Market {
        return Err(Reject::NotAMarket);
    }
    if !s.market_open() {
        return Err(Reject::MarketClosed);
    }
    let price = phone_price(s, c);
    if s.wallet.get(c) < price {
        return Err(Reject::NotEnoughMoney);
    }
    *s.wallet.get_mut(c) -= price;
    s.today.purchases += s.to_won(c, price);
    let w = s.world.clone();
    s.phone = Phone {
        present: true,
        items: Vec::new(),
        trace: Vec::new(),
        flagged_shots: 0,
        sd_hidden: false,
        use_minutes: 0,
        credit: w.lv().costs.phone_topup_won,
    };
    // The business numbers are copied back from a paper notebook: contacts only, clean.
    for (spec, sp) in w.lv().phone.iter().enumerate() {
        if sp.kind == ItemKind::Contact && sp.business >= 5 {
            let id = add_item(s, &w, spec as u16, None);
            if let Some(it) = s.phone.items.iter_mut().find(|i| i.id == id) {
                it.flags = 0;
            }
        }
    }
    s.minute += 30;
    ev.push(Event::PhoneBought {
        currency: c,
        paid: price,
    });
    Ok(())
}

/// A new phone's price in a currency (the level gives it in yuan [147]).
pub fn phone_price(s: &GameState, c: Currency) -> i64 {
    let yuan = s.lv().costs.new_phone_yuan;
    if c == Currency::Yuan {
        yuan
    } else {
        won_in(s, c, s.to_won(Currency::Yuan, yuan), true)
    }
}

// ---------------------------------------------------------------- the phone

fn phone_item(s: &GameState, item: u32) -> Result<usize, Reject> {
    if !s.phone.present {
        return Err(Reject::NoPhone);
    }
    s.phone
        .items
        .iter()
        .position(|i| i.id == item)
        .ok_or(Reject::NoSuchItem)
}

/// Minutes of use: every `screenshot_every_minutes` the phone saves what is on screen [94].
fn use_phone(s: &mut GameState, minutes: u32, item: u32, ev: &mut Events) {
    let every = s.lv().rules.screenshot_every_minutes.max(1);
    let before = s.phone.use_minutes / every;
    s.phone.use_minutes += minutes;
    let after = s.phone.use_minutes / every;
    if after > before
        && let Some(it) = s.item(item)
    {
        // A list on screen shows names, not contents: what an item holds is only in the
        // picture once it has been opened (contacts and threads show their names).
        let visible = it.read || matches!(it.kind, ItemKind::Contact | ItemKind::Thread);
        let shot = Shot {
            day: s.day,
            minute: s.minute,
            item,
            spec: it.spec,
            flags: if visible { it.flags } else { 0 },
        };
        for _ in before..after {
            s.phone.trace.push(shot);
            s.phone.flagged_shots += (shot.flags != 0) as u32;
            ev.push(Event::Screenshot {
                index: s.phone.trace.len() as u32 - 1,
            });
        }
    }
}

fn contains_oppa(name: &str) -> bool {
    name.contains("오빠") || name.to_lowercase().contains("oppa")
}

fn rename(s: &mut GameState, item: u32, name: &str, ev: &mut Events) -> Out {
    let i = phone_item(s, item)?;
    if s.phone.items[i].kind != ItemKind::Contact {
        return Err(Reject::NotAContact);
    }
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 40 {
        return Err(Reject::BadName);
    }
    let relative = s.world.specs[s.phone.items[i].spec as usize].relative;
    let filter = s.lv().rules.word_filter;
    let mut typed = name.to_string();
    let mut replaced = false;
    if filter && contains_oppa(&typed) {
        // The phone swaps the word as it is typed and warns: "only for siblings" [94].
        typed = typed.replace("오빠", "동지");
        for pat in ["OPPA", "Oppa", "oppa"] {
            typed = typed.replace(pat, "comrade");
        }
        replaced = true;
    }
    let it = &mut s.phone.items[i];
    it.flags &= !(Flag::Oppa.bit() | Flag::Heart.bit());
    if contains_oppa(&typed) && !relative {
        it.flags |= Flag::Oppa.bit();
    }
    if typed.contains('♥') || typed.contains('❤') {
        it.flags |= Flag::Heart.bit();
    }
    it.renamed = Some(Text {
        en: typed.clone(),
        ko: typed,
    });
    use_phone(s, 2, item, ev);
    s.minute += 2;
    if replaced {
        s.record.words_replaced += 1;
        ev.push(Event::WordReplaced { item });
    }
    ev.push(Event::Renamed { item });
    Ok(())
}

fn move_item(s: &mut GameState, item: u32, to: Storage, ev: &mut Events) -> Out {
    let i = phone_item(s, item)?;
    let it = &s.phone.items[i];
    if !matches!(it.kind, ItemKind::Photo | ItemKind::Video | ItemKind::File) {
        return Err(Reject::NotAFile);
    }
    if s.phone.sd_hidden {
        return Err(Reject::SdHidden);
    }
    if it.storage == to {
        return Err(Reject::AlreadyThere);
    }
    s.phone.items[i].storage = to;
    use_phone(s, 2, item, ev);
    s.minute += 2;
    ev.push(Event::Moved { item });
    auto_delete(s, ev);
    Ok(())
}

/// The phone deletes unsigned foreign files by itself [87] (and on the SD card where
/// the model scans it [92]).
fn auto_delete(s: &mut GameState, ev: &mut Events) {
    let rules = &s.world.lv().rules;
    if !rules.auto_delete_unsigned {
        return;
    }
    let scan_sd = rules.scan_sd_card;
    let mut k = 0;
    while k < s.phone.items.len() {
        let it = &s.phone.items[k];
        if it.origin == Origin::Foreign && (it.storage == Storage::Internal || scan_sd) {
            ev.push(Event::AutoDeleted { item: it.id });
            s.phone.items.remove(k);
            s.record.auto_deleted += 1;
        } else {
            k += 1;
        }
    }
}

fn call(s: &mut GameState, contact: u32, ev: &mut Events) -> Out {
    let i = phone_item(s, contact)?;
    let it = &s.phone.items[i];
    if it.kind != ItemKind::Contact {
        return Err(Reject::NotAContact);
    }
    let place = s.world.spec_knows[it.spec as usize].ok_or(Reject::NoPriceKnowledge)?;
    let cost = s.lv().costs.call_won;
    if s.phone.credit < cost {
        return Err(Reject::NoCredit);
    }
    s.phone.credit -= cost;
    use_phone(s, 4, contact, ev);
    s.minute += 5;
    ev.push(Event::Called { contact, place });
    note_prices(s, place, ev);
    Ok(())
}

fn forward(s: &mut GameState, item: u32, ev: &mut Events) -> Out {
    let i = phone_item(s, item)?;
    let it = &s.phone.items[i];
    if matches!(it.kind, ItemKind::Photo | ItemKind::Video) && s.lv().rules.photo_text_blocked {
        // The forced 2023 update removed sending photos and videos by text [88].
        return Err(Reject::PhotosBlocked);
    }
    let info = it.pending_info.ok_or(Reject::NothingPending)?;
    let cost = s.lv().costs.call_won / 2;
    if s.phone.credit < cost {
        return Err(Reject::NoCredit);
    }
    s.phone.credit -= cost;
    s.phone.items[i].pending_info = None;
    s.phone.items[i].read = true;
    let w = s.world.clone();
    let e = &w.lv().info_events[info as usize];
    s.trust += e.forward_trust;
    s.heat += e.forward_risk_permille;
    s.record.forwarded += 1;
    use_phone(s, 3, item, ev);
    s.minute += 3;
    ev.push(Event::Forwarded {
        item,
        trust: e.forward_trust,
    });
    if let Some((good, place, permille)) = w.info_deal[info as usize] {
        s.deals.push(Deal {
            day: s.day + 1,
            good,
            place,
            permille,
        });
        ev.push(Event::DealOffered {
            good,
            place,
            permille,
        });
    }
    Ok(())
}

fn repair(s: &mut GameState, convert: Option<u32>, rng: &mut Rng, ev: &mut Events) -> Out {
    if s.lv().places[s.place as usize].kind != PlaceKind::RepairStall {
        return Err(Reject::NotARepairStall);
    }
    if !s.phone.present {
        return Err(Reject::NoPhone);
    }
    let c = s.lv().costs.clone();
    let (cost, minutes) = match convert {
        Some(item) => {
            let i = phone_item(s, item)?;
            if s.phone.items[i].origin != Origin::Foreign {
                return Err(Reject::NotForeign);
            }
            (c.repair_convert_won, c.repair_convert_minutes)
        }
        None => (c.repair_wipe_won, c.repair_wipe_minutes),
    };
    if s.wallet.won < cost {
        return Err(Reject::NotEnoughMoney);
    }
    s.wallet.won -= cost;
    s.today.fees += cost;
    s.minute += minutes as u16;
    match convert {
        Some(item) => {
            if let Some(it) = s.phone.items.iter_mut().find(|i| i.id == item) {
                it.origin = Origin::Converted;
            }
            ev.push(Event::Converted { item, won: cost });
        }
        None => {
            let shots = s.phone.trace.len() as u32;
            s.phone.trace.clear();
            s.phone.flagged_shots = 0;
            s.record.trace_wipes += 1;
            ev.push(Event::TraceWiped { shots, won: cost });
        }
    }
    if chance(rng, c.repair_inform_permille) {
        // Technicians are known to talk [90][91]: the authorities now watch this trader.
        s.heat += 150;
        s.record.informed_on += 1;
        ev.push(Event::Informed);
    }
    Ok(())
}

// ---------------------------------------------------------------- inspections

fn start_inspection(s: &mut GameState, place: u16, rng: &mut Rng, ev: &mut Events) {
    let w = s.world.clone();
    let lv = w.lv();
    let campaign = campaign_today(s);
    let weights: Vec<u32> = (0..lv.inspectors.len())
        .map(|i| {
            let here = &w.inspector_places[i];
            if !here.is_empty() && !here.contains(&place) {
                return 0;
            }
            let boost = campaign.is_some_and(|c| w.campaign_inspectors[c].contains(&(i as u16)));
            lv.inspectors[i].weight * if boost { 4 } else { 1 }
        })
        .collect();
    let total: u32 = weights.iter().sum();
    if total == 0 {
        return;
    }
    let mut pick = roll(rng, total);
    let inspector = weights
        .iter()
        .position(|&wt| {
            if pick < wt {
                true
            } else {
                pick -= wt;
                false
            }
        })
        .unwrap_or(0) as u16;
    s.record.inspections += 1;
    s.minute += 10;
    s.inspection = Some(Inspection {
        inspector,
        place,
        stage: Stage::Stopped,
        found_items: Vec::new(),
        found_shots: Vec::new(),
        severity: 0,
        talked: false,
        offers: 0,
        ladder_bonus: 0,
        refused: false,
        during_campaign: campaign.is_some(),
    });
    ev.push(Event::Stopped { inspector, place });
}

fn spec_of(s: &GameState) -> &super::scenario::InspectorSpec {
    let i = s.inspection.as_ref().map_or(0, |i| i.inspector);
    &s.world.lv().inspectors[i as usize]
}

/// The inspector's description, held apart from the state so that the state can change.
fn spec_arc(s: &GameState) -> (Arc<World>, usize) {
    (
        s.world.clone(),
        s.inspection.as_ref().map_or(0, |i| i.inspector as usize),
    )
}

/// The inspector browses the phone in their own order [97][100]; each step is looked at
/// with their thoroughness (`full`: the password was cracked, everything is read).
fn search(s: &mut GameState, bonus: u32, full: bool, rng: &mut Rng, ev: &mut Events) {
    let (w, k) = spec_arc(s);
    let spec = &w.lv().inspectors[k];
    let mut items: Vec<u32> = Vec::with_capacity(16);
    let mut shots: Vec<u32> = Vec::with_capacity(s.phone.flagged_shots as usize);
    let mut sev = 0u8;
    const EVERYTHING: [SearchStep; 7] = [
        SearchStep::Messages,
        SearchStep::Photos,
        SearchStep::Videos,
        SearchStep::Contacts,
        SearchStep::Files,
        SearchStep::SdCard,
        SearchStep::Trace,
    ];
    let order: &[SearchStep] = if full { &EVERYTHING } else { &spec.search };
    if s.phone.present {
        // The place in the search at which each kind of place on the phone was looked at.
        let mut looked = [usize::MAX; 7];
        for (rank, step) in order.iter().enumerate() {
            if !full && !chance(rng, spec.thoroughness_permille + bonus) {
                continue;
            }
            if *step == SearchStep::Trace {
                if s.phone.flagged_shots == 0 {
                    continue;
                }
                for (k, sh) in s.phone.trace.iter().enumerate() {
                    if sh.flags != 0 {
                        shots.push(k as u32);
                        sev = sev.max(severity_of(sh.flags));
                    }
                }
                continue;
            }
            if *step == SearchStep::SdCard && s.phone.sd_hidden {
                if !full && !chance(rng, spec.thoroughness_permille / 3) {
                    continue;
                }
                ev.push(Event::HiddenSdFound);
            }
            let seen = &mut looked[*step as usize];
            *seen = (*seen).min(rank);
        }
        // One pass over the phone; what was found is listed in the order it was found.
        let mut found: Vec<(usize, u32)> = Vec::with_capacity(16);
        for it in &s.phone.items {
            if it.flags == 0 {
                continue;
            }
            let internal = it.storage == Storage::Internal;
            let step = |k: SearchStep, hit: bool| if hit { looked[k as usize] } else { usize::MAX };
            let rank = [
                step(SearchStep::Messages, it.kind == ItemKind::Thread),
                step(SearchStep::Photos, it.kind == ItemKind::Photo && internal),
                step(SearchStep::Videos, it.kind == ItemKind::Video && internal),
                step(SearchStep::Contacts, it.kind == ItemKind::Contact),
                step(
                    SearchStep::Files,
                    matches!(it.kind, ItemKind::File | ItemKind::App) && internal,
                ),
                step(SearchStep::SdCard, it.storage == Storage::Sd),
            ]
            .into_iter()
            .min()
            .unwrap_or(usize::MAX);
            if rank != usize::MAX {
                found.push((rank, it.id));
                sev = sev.max(it.severity());
            }
        }
        found.sort_by_key(|&(rank, _)| rank);
        items.extend(found.into_iter().map(|(_, id)| id));
    }
    s.minute += 15;
    let insp = s
        .inspection
        .as_mut()
        .expect("searching during an inspection");
    insp.stage = Stage::Searched;
    insp.severity = insp.severity.max(sev);
    for i in items {
        if !insp.found_items.contains(&i) {
            insp.found_items.push(i);
        }
    }
    // Both lists are in trace order: a sorted insert keeps a long trace linear.
    for k in shots {
        if let Err(at) = insp.found_shots.binary_search(&k) {
            insp.found_shots.insert(at, k);
        }
    }
    ev.push_with(|| Event::Searched {
        items: insp.found_items.as_slice().into(),
        shots: insp.found_shots.as_slice().into(),
        severity: insp.severity,
    });
    if insp.severity == 0 && chance(rng, spec.greed_permille) {
        insp.offers = insp.offers.max(1);
        ev.push(Event::BribeDemanded {
            won: spec.bribe_min_won,
        });
    }
}

fn insp(s: &GameState) -> &Inspection {
    s.inspection.as_ref().expect("in an inspection")
}

fn hand_over(s: &mut GameState, rng: &mut Rng, ev: &mut Events) -> Out {
    match insp(s).stage {
        Stage::Stopped => {
            search(s, 0, false, rng, ev);
            if insp(s).severity == 0 && insp(s).offers == 0 {
                release(s, rng, ev);
            }
        }
        Stage::Searched => conclude(s, rng, ev),
    }
    Ok(())
}

fn talk(s: &mut GameState, rng: &mut Rng, ev: &mut Events) -> Out {
    if insp(s).talked {
        return Err(Reject::AlreadyTalked);
    }
    let spec_talk = spec_of(s).talk_permille as i64;
    let trust = s.trust.clamp(0, 20) as i64;
    let stage = insp(s).stage;
    let p = match stage {
        Stage::Stopped => spec_talk + trust * 10 - s.heat as i64 / 2,
        Stage::Searched => spec_talk / 2 + trust * 5 - s.heat as i64 / 4,
    }
    .clamp(0, 900) as u32;
    let ok = chance(rng, p);
    s.inspection.as_mut().expect("in an inspection").talked = true;
    s.minute += 5;
    ev.push(Event::Excuse { accepted: ok });
    match (stage, ok) {
        (Stage::Stopped, true) => release(s, rng, ev),
        (Stage::Stopped, false) => {
            search(s, 150, false, rng, ev);
            if insp(s).severity == 0 && insp(s).offers == 0 {
                release(s, rng, ev);
            }
        }
        (Stage::Searched, true) => {
            s.inspection
                .as_mut()
                .expect("in an inspection")
                .ladder_bonus -= 1
        }
        (Stage::Searched, false) => s.heat += 20,
    }
    Ok(())
}

/// What a bribe must be worth (won) for this inspector, given what was found. The rule a
/// player can learn: a clean phone costs the inspector's minimum, each step of gravity
/// multiplies it, a refusal to hand over doubles it; some take only foreign currency, and
/// some take nothing at all while a campaign is on.
pub fn bribe_needed(s: &GameState) -> i64 {
    let i = insp(s);
    let base = spec_of(s).bribe_min_won;
    let mult = match i.severity {
        0 => 1,
        1 => 2,
        2 => 4,
        3 => 8,
        _ => 25,
    };
    base * mult * if i.refused { 2 } else { 1 }
}

fn bribe(s: &mut GameState, c: Currency, amount: i64, rng: &mut Rng, ev: &mut Events) -> Out {
    if amount <= 0 {
        return Err(Reject::BadAmount);
    }
    if s.wallet.get(c) < amount {
        return Err(Reject::NotEnoughMoney);
    }
    let (w, k) = spec_arc(s);
    let spec = &w.lv().inspectors[k];
    let during_campaign = insp(s).during_campaign;
    s.record.bribes_offered += 1;
    s.minute += 5;
    let campaign_refusal = during_campaign && spec.refuses_in_campaign;
    let accepted =
        !campaign_refusal && spec.currencies.contains(&c) && s.to_won(c, amount) >= bribe_needed(s);
    if accepted {
        *s.wallet.get_mut(c) -= amount;
        let won = s.to_won(c, amount);
        s.today.bribes += won;
        s.record.bribes_paid_won += won;
        ev.push(Event::BribeAccepted {
            currency: c,
            amount,
        });
        if insp(s).severity >= 2 {
            // Paid off, but the evidence goes: they make you delete it on the spot.
            remove_found(s, ev);
        }
        release(s, rng, ev);
        return Ok(());
    }
    s.record.bribes_refused += 1;
    ev.push(Event::BribeRefused {
        currency: c,
        amount,
    });
    let st = s.inspection.as_mut().expect("in an inspection");
    st.offers += 1;
    let offers = st.offers;
    if campaign_refusal {
        // Offering money to a campaign team is reported as an offence in itself.
        st.ladder_bonus += 1;
        if st.stage == Stage::Stopped {
            search(s, 300, false, rng, ev);
        }
    } else if offers >= 3 {
        s.inspection
            .as_mut()
            .expect("in an inspection")
            .ladder_bonus += 1;
        if insp(s).stage == Stage::Stopped {
            search(s, 0, false, rng, ev);
        }
        conclude(s, rng, ev);
    }
    Ok(())
}

fn refuse(s: &mut GameState, rng: &mut Rng, ev: &mut Events) -> Out {
    if insp(s).stage == Stage::Stopped {
        // Refusing means seizure: the password is cracked and everything read [97].
        let st = s.inspection.as_mut().expect("in an inspection");
        st.refused = true;
        ev.push(Event::PasswordCracked);
        search(s, 0, true, rng, ev);
    } else {
        s.inspection
            .as_mut()
            .expect("in an inspection")
            .ladder_bonus += 1;
        conclude(s, rng, ev);
    }
    Ok(())
}

fn remove_found(s: &mut GameState, ev: &mut Events) -> u32 {
    let found = insp(s).found_items.clone();
    let before = s.phone.items.len();
    s.phone.items.retain(|it| !found.contains(&it.id));
    let n = (before - s.phone.items.len()) as u32;
    if n > 0 {
        s.record.items_confiscated += n;
        ev.push(Event::ItemsConfiscated { count: n });
    }
    n
}

fn release(s: &mut GameState, rng: &mut Rng, ev: &mut Events) {
    s.inspection = None;
    s.minute += 5;
    ev.push(Event::Released);
    if s.walking_home {
        walk_home(s, rng, ev);
    }
}

/// The consequence ladder of GAME.md: warning → forced deletion → confiscation → fine →
/// criticism session → arrest.
/// What `conclude` reads of the inspection (without copying its lists).
struct Verdict {
    severity: u8,
    refused: bool,
    offers: u8,
    ladder_bonus: i8,
}

fn conclude(s: &mut GameState, rng: &mut Rng, ev: &mut Events) {
    let i = {
        let i = insp(s);
        Verdict {
            severity: i.severity,
            refused: i.refused,
            offers: i.offers,
            ladder_bonus: i.ladder_bonus,
        }
    };
    let (w, k) = spec_arc(s);
    let spec = &w.lv().inspectors[k];
    if i.severity == 0 && !i.refused {
        if i.offers > 0 {
            // Declined to pay "tea money": a warning, and they will remember the face.
            s.heat += 30;
            s.record.warnings += 1;
            ev.push(Event::Consequence(Consequence::Warning));
        }
        release(s, rng, ev);
        return;
    }
    let mut step: i32 = match i.severity {
        0 => 2,
        1 => 1,
        2 => 2,
        3 => 4,
        _ => 5,
    };
    if i.severity > 0 {
        if s.record.caught >= 2 {
            step += 1;
        }
        s.record.caught += 1;
    }
    step += i.ladder_bonus as i32;
    if i.refused {
        step = step.max(2);
    }
    // Arrest is for a law case (foreign media, the 2020 law [118]); lesser findings stop
    // at the criticism session however often they recur.
    let step = step.clamp(0, if i.severity >= 4 { 5 } else { 4 });
    let c = [
        Consequence::Warning,
        Consequence::ForcedDeletion,
        Consequence::Confiscation,
        Consequence::Fine,
        Consequence::CriticismSession,
        Consequence::Arrest,
    ][step as usize];
    ev.push(Event::Consequence(c));
    s.heat += 20 * (step as u32 + 1);
    match c {
        Consequence::Warning => s.record.warnings += 1,
        Consequence::ForcedDeletion => {
            remove_found(s, ev);
        }
        _ => {}
    }
    if c >= Consequence::Confiscation {
        let n = s.phone.items.len() as u32;
        s.record.items_confiscated += n;
        s.record.phones_lost += 1;
        ev.push(Event::ItemsConfiscated { count: n });
        s.phone.present = false;
        s.phone.items.clear();
        s.phone.trace.clear();
        s.phone.flagged_shots = 0;
        s.phone.sd_hidden = false;
    }
    let mut criticism = c == Consequence::CriticismSession;
    if c == Consequence::Fine {
        let fine = spec.bribe_min_won * 5;
        let paid = pay_won(s, fine);
        s.today.fines += paid;
        s.record.fines_won += paid;
        ev.push(Event::FinePaid { won: paid });
        if paid < fine {
            // Cannot pay: the case goes to the neighbourhood meeting instead.
            criticism = true;
            ev.push(Event::Consequence(Consequence::CriticismSession));
        }
    }
    s.inspection = None;
    s.minute += 20;
    if criticism {
        let days = s.lv().endings.criticism_days as u16;
        s.record.criticisms += 1;
        s.lost_days += days;
        ev.push(Event::CriticismSession { days });
    }
    if c == Consequence::Arrest {
        finish(s, Ending::Arrested, ev);
        return;
    }
    if s.walking_home {
        walk_home(s, rng, ev);
    }
}

/// Pays up to `won` from the wallet, won first, then yuan and dollars at the mid rate
/// (rounded up to whole notes). Returns what was paid, in won.
fn pay_won(s: &mut GameState, won: i64) -> i64 {
    let mut left = won;
    let from_won = s.wallet.won.min(left);
    s.wallet.won -= from_won;
    left -= from_won;
    for c in [Currency::Yuan, Currency::Usd] {
        if left <= 0 {
            break;
        }
        let notes = won_in(s, c, left, true).min(s.wallet.get(c));
        *s.wallet.get_mut(c) -= notes;
        left -= s.to_won(c, notes);
    }
    if left < 0 {
        // Change comes back in won.
        s.wallet.won += -left;
        left = 0;
    }
    won - left
}

// ---------------------------------------------------------------- days

fn finish(s: &mut GameState, e: Ending, ev: &mut Events) {
    s.ending = Some(e);
    ev.push(Event::Ended(e));
}

fn start_day(s: &mut GameState, rng: &mut Rng, ev: &mut Events) {
    let w = s.world.clone();
    let lv = w.lv();
    s.minute = DAY_START;
    s.place = w.home;
    s.stall_paid_today = false;
    s.walking_home = false;
    s.today = Ledger {
        day: s.day,
        ..Ledger::default()
    };
    s.heat = s.heat * 9 / 10;
    s.deals.retain(|d| d.day >= s.day);
    match w.days.get(s.day as usize) {
        Some(t) => {
            s.rates = t.rates;
            s.base.clear();
            s.base.extend_from_slice(&t.base);
        }
        None => {
            let t = w.day_table(s.date());
            s.rates = t.rates;
            s.base = t.base;
        }
    }
    s.flow.clear();
    s.flow.resize(w.n_places * w.n_goods, 0);
    s.noise.resize(w.n_places * w.n_goods, 0);
    // Four noise values from each 64-bit draw.
    let (mut bits, mut k) = (0u64, 0usize);
    for row in s.noise.chunks_exact_mut(w.n_goods.max(1)) {
        for (noise, good) in row.iter_mut().zip(&lv.goods) {
            if k & 3 == 0 {
                bits = rng.next_u64();
            }
            k += 1;
            let n = good.noise_permille;
            // Scaled, not divided: a 16-bit draw times the range, high bits kept.
            let draw = ((bits & 0xFFFF) as u32 * (2 * n + 1)) >> 16;
            bits >>= 16;
            *noise = (draw as i32 - n as i32) as i16;
        }
    }
    ev.push(Event::DayStarted { day: s.day });
    let today = s.day as u32 + 1;
    if s.phone.present {
        for (m, msg) in lv.messages.iter().enumerate() {
            if msg.day != today {
                continue;
            }
            let item = add_item(s, &w, w.msg_spec[m], None);
            ev.push(Event::MessageArrived {
                item,
                message: m as u16,
            });
            if let Some(a) = w.msg_attach[m] {
                add_item(s, &w, a, None);
            }
        }
        for (k, e) in lv.info_events.iter().enumerate() {
            if e.day == today {
                let item = add_item(s, &w, w.info_spec[k], Some(k as u16));
                ev.push(Event::InfoArrived {
                    item,
                    event: k as u16,
                });
            }
        }
        auto_delete(s, ev);
    }
    // A tip is true whether or not the phone is there to receive it.
    let tips = || {
        lv.messages
            .iter()
            .zip(&w.msg_tip)
            .filter(move |(msg, _)| msg.day == today)
            .filter_map(|(_, tip)| *tip)
    };
    for (good, place, permille) in tips() {
        s.deals.push(Deal {
            day: s.day,
            good,
            place,
            permille,
        });
    }
    s.refresh_quotes();
    if s.phone.present {
        for (good, place, _) in tips() {
            let won = s.price(good as usize, place as usize).unwrap_or(0);
            note_price(s, good, place, won, ev);
        }
    }
}

/// The evening at home: the family eats, the phone is topped up, the ledger closes, and
/// the next day begins (or the game ends).
fn evening(s: &mut GameState, rng: &mut Rng, ev: &mut Events) {
    loop {
        close_day(s, ev);
        if s.ending.is_some() {
            return;
        }
        s.day += 1;
        if s.day as u32 >= s.lv().days {
            let e = final_ending(s);
            finish(s, e, ev);
            return;
        }
        start_day(s, rng, ev);
        if s.lost_days == 0 {
            return;
        }
        // A criticism session takes the day: no trade, the family still eats.
        s.lost_days -= 1;
        ev.push(Event::DaysLost { days: 1 });
    }
}

fn close_day(s: &mut GameState, ev: &mut Events) {
    let w = s.world.clone();
    let lv = w.lv();
    let date = s.date();
    // The family eats the cheapest grain in stock first, then grain bought for cash.
    // (Grain kinds are few: a copy on the stack when they fit, sorted by today's price.)
    let mut small = [0u16; 8];
    let mut large = Vec::new();
    let grain: &mut [u16] = if w.grain.len() <= small.len() {
        small[..w.grain.len()].copy_from_slice(&w.grain);
        &mut small[..w.grain.len()]
    } else {
        large.extend_from_slice(&w.grain);
        &mut large
    };
    grain.sort_by_key(|&g| w.base_price(g as usize, date));
    let mut need = lv.family.grain_kg_per_day;
    for &g in grain.iter() {
        let eat = need.min(s.stock[g as usize]);
        s.stock[g as usize] -= eat;
        need -= eat;
    }
    if need > 0 {
        let cost = need as i64 * w.base_price(grain[0] as usize, date);
        if s.cash_won() >= cost + s.to_won(Currency::Usd, 1) {
            let paid = pay_won(s, cost);
            s.today.food += paid;
        } else {
            s.today.hungry = true;
            s.record.hungry_days += 1;
        }
    }
    if s.phone.present && s.wallet.won >= lv.costs.phone_topup_won {
        s.wallet.won -= lv.costs.phone_topup_won;
        s.phone.credit += lv.costs.phone_topup_won;
        s.today.topup += lv.costs.phone_topup_won;
    }
    s.today.net_worth = s.net_worth();
    s.today.items = s.phone.items.len() as u16;
    s.today.risky_items = s.risky_items() as u16;
    s.today.trace = s.phone.trace.len() as u16;
    s.ledgers.push(s.today);
    ev.push_with(|| Event::Evening {
        ledger: Box::new(s.today),
    });
    let e = &lv.endings;
    let phone_out_of_reach = !s.phone.present
        && s.cash_won() < s.to_won(Currency::Yuan, lv.costs.new_phone_yuan)
        && s.record.phones_lost > 0;
    if s.record.criticisms >= e.criticism_limit {
        finish(s, Ending::StruggleSession, ev);
    } else if s.record.hungry_days > e.hungry_limit {
        finish(s, Ending::FamilyHungry, ev);
    } else if s.today.net_worth < e.ruin_below_won && !s.today.hungry {
        // The trade is gone though the family still eats (a hungry family plays on to
        // the hungry ending instead).
        finish(s, Ending::BusinessRuined, ev);
    } else if phone_out_of_reach && s.day as u32 + 1 < lv.days {
        finish(s, Ending::PhoneLost, ev);
    }
}

fn final_ending(s: &GameState) -> Ending {
    if !s.phone.present {
        Ending::PhoneLost
    } else if s.net_worth() >= s.lv().endings.thrive_won {
        Ending::Thriving
    } else {
        Ending::FamilyFed
    }
}
