//! Trade: buying, selling, changing money and buying a phone.

use super::*;

/// What `qty` of a good comes to here, in won, if it can be traded here now.
pub(super) fn trade_total(s: &GameState, good: u16, qty: u32, sell: bool) -> Result<i64, Reject> {
    let w = &s.world;
    if good as usize >= w.n_goods {
        return Err(Reject::NotTradedHere);
    }
    let won = s
        .trade_total(good as usize, s.place as usize, qty, sell)
        .ok_or(Reject::NotTradedHere)?;
    if w.lv().places[s.place as usize].market_hours && !s.market_open() {
        return Err(Reject::MarketClosed);
    }
    Ok(won)
}

/// Won → an amount of `c`, rounded up (what the seller asks) or down (what is paid out).
pub(super) fn won_in(s: &GameState, c: Currency, won: i64, up: bool) -> i64 {
    let rate = s.to_won(c, 1);
    if up {
        (won + rate - 1) / rate
    } else {
        won / rate
    }
}

/// Her own trade moved the price here: her notebook has the price as it is now (the review
/// found it comparing other places with the price before she sold).
fn note_here(s: &mut GameState, good: u16) {
    let k = s.place as usize * s.world.n_goods + good as usize;
    if let Some(&won) = s.prices.get(k).filter(|&&w| w != 0) {
        s.notebook[k] = Some((s.day, won));
    }
}

pub(super) fn buy(s: &mut GameState, good: u16, qty: u32, c: Currency, ev: &mut Events) -> Out {
    if qty == 0 || qty > 1000 {
        return Err(Reject::BadAmount);
    }
    let won = trade_total(s, good, qty, false)?;
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
    note_here(s, good);
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

pub(super) fn sell(
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
    let won = trade_total(s, good, qty, true)?;
    if s.stock[good as usize] < qty {
        return Err(Reject::NotEnoughStock);
    }
    let place = &s.lv().places[s.place as usize];
    let got = won_in(s, c, won, false);
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
        s.minute += CHASED_MINUTES;
        ev.push(Event::ChasedOff { good, lost });
        return Ok(());
    }
    s.stock[good as usize] -= qty;
    *s.wallet.get_mut(c) += got;
    let n = s.world.n_goods;
    s.flow[s.place as usize * n + good as usize] += qty as i32;
    s.move_price(s.place as usize, good as usize);
    note_here(s, good);
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

pub(super) fn exchange(
    s: &mut GameState,
    from: Currency,
    to: Currency,
    amount: i64,
    ev: &mut Events,
) -> Out {
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

pub(super) fn buy_phone(s: &mut GameState, c: Currency, ev: &mut Events) -> Out {
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
