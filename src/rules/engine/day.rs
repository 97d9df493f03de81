//! Days: the morning, the evening, the family fed or not, the ending.

use super::household;
use super::*;

pub(super) fn finish(s: &mut GameState, e: Ending, ev: &mut Events) {
    s.ending = Some(e);
    ev.push(Event::Ended(e));
}

pub(super) fn start_day(s: &mut GameState, rng: &mut Rng, ev: &mut Events) {
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
    prices_of_the_day(s, &w, rng);
    ev.push(Event::DayStarted { day: s.day });
    household::morning(s, ev);
    let today = s.day as u32 + 1;
    if s.phone.present {
        morning_phone(s, &w, today, ev);
    }
    friends_collect(s, &w, today, ev);
    // Deals promised yesterday for news she forwarded: she was told, she knows them.
    let promised: Vec<(u16, u16)> = s
        .deals
        .iter()
        .filter(|d| d.day == s.day)
        .map(|d| (d.good, d.place))
        .collect();
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
    for (good, place) in promised {
        let won = s.price(good as usize, place as usize).unwrap_or(0);
        note_price(s, good, place, won, ev);
    }
    if s.phone.present {
        // A tip is read only from a sender still in her contacts: a deleted supplier's
        // text is a stranger's, and the safe path loses his deals.
        let known =
            |s: &GameState, m: usize| s.phone.items.iter().any(|it| it.spec == w.msg_from[m]);
        for (m, msg) in lv.messages.iter().enumerate() {
            let Some((good, place, _)) = w.msg_tip[m] else {
                continue;
            };
            if msg.day == today && known(s, m) {
                let won = s.price(good as usize, place as usize).unwrap_or(0);
                note_price(s, good, place, won, ev);
            }
        }
    }
}

/// The day's money rates and base prices (the level's table, or the world's for a date past
/// it), and each place's price noise: four draws from each 64-bit number.
fn prices_of_the_day(s: &mut GameState, w: &World, rng: &mut Rng) {
    let lv = w.lv();
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
    // Four noise values from each 64-bit draw, for the places that trade each good.
    let (mut bits, mut k) = (0u64, 0usize);
    for (g, (places, good)) in w.sold_at.iter().zip(&lv.goods).enumerate() {
        let n = good.noise_permille;
        for &p in places {
            if k & 3 == 0 {
                bits = rng.next_u64();
            }
            k += 1;
            // Scaled, not divided: a 16-bit draw times the range, high bits kept.
            let draw = ((bits & 0xFFFF) as u32 * (2 * n + 1)) >> 16;
            bits >>= 16;
            s.noise[p as usize * w.n_goods + g] = (draw as i32 - n as i32) as i16;
        }
    }
}

/// The morning's messages and news on the phone: each message read at once (a minute on
/// screen, and the screenshot clock runs), its attachment saved; then what auto-deletes.
fn morning_phone(s: &mut GameState, w: &World, today: u32, ev: &mut Events) {
    let lv = w.lv();
    for (m, msg) in lv.messages.iter().enumerate() {
        if msg.day != today {
            continue;
        }
        let item = add_item(s, w, w.msg_spec[m], None);
        as_sender_stands(s, w, m);
        ev.push(Event::MessageArrived {
            item,
            message: m as u16,
        });
        // She reads it on the phone in the morning (the morning screen shows it): a
        // minute on screen, and the screenshot clock runs [94].
        if let Some(i) = s.item_index(item) {
            s.phone.items[i].read = true;
            super::phone::use_phone(s, 1, item, ev);
        }
        if let Some(a) = w.msg_attach[m] {
            add_item(s, w, a, None);
        }
    }
    for (k, e) in lv.info_events.iter().enumerate() {
        if e.day == today {
            let item = add_item(s, w, w.info_spec[k], Some(k as u16));
            ev.push(Event::InfoArrived {
                item,
                event: k as u16,
            });
        }
    }
    auto_delete(s, ev);
}

/// Friends come for the goods they asked her to keep: paid for what she kept, nothing for
/// what she did not.
fn friends_collect(s: &mut GameState, w: &World, today: u32, ev: &mut Events) {
    let lv = w.lv();
    for (m, msg) in lv.messages.iter().enumerate() {
        if msg.day != today {
            continue;
        }
        let Some((good, kg, permille)) = w.msg_ask[m] else {
            continue;
        };
        let met = s.stock[good as usize] >= kg;
        let won = if met {
            let won = kg as i64 * s.base[good as usize] * permille as i64 / 1000;
            s.stock[good as usize] -= kg;
            s.wallet.won += won;
            s.today.sales += won;
            won
        } else {
            0
        };
        ev.push(Event::AskAnswered {
            message: m as u16,
            met,
            won,
        });
    }
}

/// The evening at home: the family eats, the phone is topped up, the ledger closes, and
/// the next day begins (or the game ends).
pub(super) fn evening(s: &mut GameState, rng: &mut Rng, ev: &mut Events) {
    loop {
        close_day(s, rng, ev);
        if s.ending.is_some() {
            return;
        }
        if s.day as u32 + 1 >= s.lv().days {
            // The days are over; the evening is still hers (see `last_night`).
            s.last_evening = true;
            return;
        }
        s.day += 1;
        start_day(s, rng, ev);
        if s.lost_days == 0 {
            // Home for the evening: its clock starts when she came in, and not before the
            // evening (home at half past seven, the evening is still the evening).
            let home_at = s.ledgers.last().map_or(DAY_START, |l| l.home_at);
            s.evening = Some(home_at.max(EVENING));
            return;
        }
        // A criticism session takes the day: no trade, the family still eats.
        s.lost_days -= 1;
        ev.push(Event::DaysLost { days: 1 });
    }
}

pub(super) fn close_day(s: &mut GameState, rng: &mut Rng, ev: &mut Events) {
    let w = s.world.clone();
    let lv = w.lv();
    household::evening(s, rng, ev);
    if s.ending.is_some() {
        s.ledgers.push(s.today);
        return;
    }
    // Credit for tomorrow's calls (the last day has no tomorrow).
    let last = s.day as u32 + 1 >= lv.days;
    if s.phone.present && !last && s.wallet.won >= lv.costs.phone_topup_won {
        s.wallet.won -= lv.costs.phone_topup_won;
        s.phone.credit += lv.costs.phone_topup_won;
        s.today.topup += lv.costs.phone_topup_won;
    }
    s.today.net_worth = s.net_worth();
    s.today.items = s.phone.items.len() as u16;
    s.today.risky_items = s.risky_items() as u16;
    s.today.trace = s.phone.trace.len() as u16;
    s.today.wallet = s.wallet;
    s.today.carried = s.stock.iter().sum();
    s.today.home_at = s.minute;
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

/// The last evening is over: what the family asked for and did not get counts as not met,
/// and the game ends.
pub(super) fn last_night(s: &mut GameState, ev: &mut Events) {
    for r in std::mem::take(&mut s.home.open) {
        s.home.missed.push(r);
        s.record.requests_missed += 1;
        ev.push(Event::RequestMissed { request: r });
    }
    s.last_evening = false;
    let e = final_ending(s);
    finish(s, e, ev);
}

pub(super) fn final_ending(s: &GameState) -> Ending {
    if !s.phone.present {
        Ending::PhoneLost
    } else if s.home.debt() > s.cash_won() {
        // The days are over and she owes more than she has in hand [196].
        Ending::InDebt
    } else if s.net_worth() >= s.lv().endings.thrive_won {
        Ending::Thriving
    } else {
        Ending::FamilyFed
    }
}

pub(super) fn wait(s: &mut GameState, minutes: u16) -> Out {
    if minutes == 0 || minutes > 240 {
        return Err(Reject::BadAmount);
    }
    s.minute += minutes;
    Ok(())
}

/// A new message shows its sender as she has him on the phone now: renamed, or without the
/// heart she removed, or, once she deleted him, as a bare number. A heart or an "oppa" that
/// was only in his name goes with it; one in the words of the message stays.
fn as_sender_stands(s: &mut GameState, w: &World, m: usize) {
    let from = w.msg_from[m];
    let (renamed, name_flags) = match s.phone.items.iter().find(|it| it.spec == from) {
        Some(sender) => (sender.renamed.clone(), sender.flags),
        None => {
            let number = stranger_number(from);
            (
                Some(Text {
                    en: number.clone(),
                    ko: number,
                }),
                0,
            )
        }
    };
    let Some(it) = s.phone.items.last_mut() else {
        return;
    };
    if renamed.is_some() {
        it.renamed = renamed;
    }
    if name_flags & Flag::Heart.bit() == 0 {
        it.flags &= !Flag::Heart.bit();
    }
    // (Reading the words only when it matters: lower-casing Korean text is slow.)
    if name_flags & Flag::Oppa.bit() == 0 && it.flags & Flag::Oppa.bit() != 0 {
        let body = &w.specs[w.msg_spec[m] as usize].body;
        if !(contains_oppa(&body.en) || contains_oppa(&body.ko)) {
            it.flags &= !Flag::Oppa.bit();
        }
    }
}

/// The number a deleted contact's texts arrive from: a Koryolink mobile number (191),
/// the same for the same contact in every game.
pub fn stranger_number(contact_spec: u16) -> String {
    let k = contact_spec as u32;
    format!(
        "191-{:03}-{:04}",
        200 + k * 37 % 800,
        (k * 7919 + 1234) % 10000
    )
}
