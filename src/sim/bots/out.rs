//! A bot out in the town: errands, choosing and making a trade, waiting for the market,
//! answering a stop, and the random player's moves.

use super::*;

impl Bot {
    pub(super) fn errands(&mut self, s: &GameState) -> Option<Action> {
        let lv = s.lv();
        let place_of = |k: PlaceKind| lv.places.iter().position(|p| p.kind == k).map(|p| p as u16);
        // A confiscated phone is replaced as soon as the money allows.
        if !s.phone.present && self.strategy != Strategy::Careless && s.minute < 17 * 60 {
            let market = place_of(PlaceKind::Market)?;
            for c in [Currency::Yuan, Currency::Usd, Currency::Won] {
                if s.wallet.get(c) >= phone_price(s, c) {
                    if s.place != market {
                        return Some(Action::Travel { to: market });
                    }
                    if s.market_open() {
                        return Some(Action::BuyPhone { currency: c });
                    }
                    return Some(Self::wait_for_market(s));
                }
            }
        }
        // The family-first one borrows rather than refuse the family what it asks for
        // (at the market's lenders, once, for a third of what they lend).
        if self.strategy == Strategy::Sentimental
            && s.home.debt() == 0
            && s.minute < 16 * 60
            && s.home
                .open
                .iter()
                .any(|&r| lv.household.requests[r as usize].won > s.cash_won() - Self::reserve(s))
        {
            let market = place_of(PlaceKind::Market)?;
            if s.place != market {
                return Some(Action::Travel { to: market });
            }
            return Some(Action::Borrow {
                won: lv.household.loan_max_won / 3,
            });
        }
        // The cautious ones pay to have the screenshot log wiped whenever it holds
        // evidence; the trader, once it holds a few pictures of it.
        let wipe_at = match self.strategy {
            Strategy::Cautious | Strategy::CarefulTrader => 1,
            Strategy::Trader if !Self::burned(s) => 4,
            Strategy::Trader => 1,
            _ => u32::MAX,
        };
        // Whatever the count, a picture of news the state forbids (or worse) goes at once.
        let grave = wipe_at != u32::MAX
            && s.phone.flagged_shots > 0
            && s.phone.trace.iter().any(|sh| severity_of(sh.flags) >= 2);
        if s.phone.present
            && (s.phone.flagged_shots >= wipe_at || grave)
            && s.wallet.won >= lv.costs.repair_wipe_won + Self::reserve(s)
            && s.minute < 16 * 60
        {
            let stall = place_of(PlaceKind::RepairStall)?;
            if s.place != stall {
                return Some(Action::Travel { to: stall });
            }
            return Some(Action::RepairWipe);
        }
        // Foreign money is changed when won runs short for the day's trade.
        let here = &lv.places[s.place as usize];
        if here.changer && s.wallet.won < 2 * Self::reserve(s) {
            for c in [Currency::Yuan, Currency::Usd] {
                if s.wallet.get(c) > 1 {
                    return Some(Action::Exchange {
                        from: c,
                        to: Currency::Won,
                        amount: s.wallet.get(c) / 2,
                    });
                }
            }
        }
        None
    }

    /// Expected price of a good at a place: today's known price, else the usual local
    /// level (None where the good is not traded there).
    pub(super) fn expectation(s: &GameState, place: usize, good: usize) -> Option<i64> {
        let w = &s.world;
        let local = w.local[place][good];
        if local == 0 {
            return None;
        }
        let i = place * w.n_goods + good;
        let won = match s.notebook[i] {
            Some((d, won)) if d == s.day => won,
            _ => s.base[good] * local as i64 / 1000,
        };
        // Her own trades today have moved the price there: she knows how much.
        Some(moved_price(won, s.flow[i], w.depth[good]))
    }

    /// The good with the best margin between its cheapest and its dearest place.
    pub(super) fn choose_plan(s: &GameState) -> Option<Plan> {
        let w = &s.world;
        let mut best: Option<(i64, Plan)> = None;
        for g in 0..w.n_goods {
            // Cheapest and dearest (price, place), ties to the lower and higher place.
            let mut lo: Option<(i64, usize)> = None;
            let mut hi: Option<(i64, usize)> = None;
            for &p in &w.sold_at[g] {
                let p = p as usize;
                let Some(won) = Self::expectation(s, p, g) else {
                    continue;
                };
                if lo.is_none_or(|l| (won, p) < l) {
                    lo = Some((won, p));
                }
                if hi.is_none_or(|h| (won, p) >= h) {
                    hi = Some((won, p));
                }
            }
            let (Some((pb, b)), Some((pt, t))) = (lo, hi) else {
                continue;
            };
            // Margin per thousand won invested.
            let m = (pt - pb) * 1000 / pb.max(1);
            if t != b && m > 15 && best.is_none_or(|(bm, _)| m > bm) {
                let plan = Plan {
                    good: g as u16,
                    buy_at: b as u16,
                    sell_at: t as u16,
                    margin: m,
                };
                best = Some((m, plan));
            }
        }
        best.map(|(_, p)| p)
    }

    pub(super) fn trade(&mut self, s: &GameState) -> Action {
        let lv = s.lv();
        if s.minute >= 18 * 60 {
            return Action::EndDay;
        }
        let Some(plan) = *self.plan.get_or_insert_with(|| Self::choose_plan(s)) else {
            return Action::EndDay;
        };
        let open = |p: u16| !lv.places[p as usize].market_hours || s.market_open();
        // Goods outside today's plan (her opening stock) are sold at the market first:
        // the money is tied up in them.
        let market = lv.places.iter().position(|p| p.kind == PlaceKind::Market);
        let spare = (0..s.stock.len()).find(|&g| {
            s.stock[g] > 0 && g != plan.good as usize && !s.world.grain.contains(&(g as u16))
        });
        if let (Some(g), Some(m)) = (spare, market)
            && s.price(g, m).is_some()
        {
            let m = m as u16;
            if s.place != m {
                return Action::Travel { to: m };
            }
            if !open(m) {
                return Self::wait_for_market(s);
            }
            return Action::Sell {
                good: g as u16,
                qty: s.stock[g],
                currency: Currency::Won,
            };
        }
        let held = s.stock[plan.good as usize];
        let grain_keep = if s.world.grain.contains(&plan.good) {
            lv.family.grain_kg_per_day
        } else {
            0
        };
        if held > grain_keep {
            if s.place != plan.sell_at {
                return Action::Travel { to: plan.sell_at };
            }
            if !open(plan.sell_at) {
                return Self::wait_for_market(s);
            }
            self.trips += 1;
            return Action::Sell {
                good: plan.good,
                qty: held - grain_keep,
                currency: Currency::Won,
            };
        }
        // Trips a day. The plan is made once, in the morning: a second trip on it sells
        // into prices her first trip already pushed down, so the careful and the
        // business-minded make one; the others go again.
        let cap = match self.strategy {
            Strategy::Cautious | Strategy::Trader | Strategy::CarefulTrader => 1,
            _ => 2,
        };
        if self.trips >= cap || s.minute >= 15 * 60 {
            return Action::EndDay;
        }
        if s.place != plan.buy_at {
            return Action::Travel { to: plan.buy_at };
        }
        if !open(plan.buy_at) {
            return Self::wait_for_market(s);
        }
        let price = s
            .price(plan.good as usize, plan.buy_at as usize)
            .unwrap_or(i64::MAX);
        let budget = s.wallet.won - Self::reserve(s);
        let limit = match self.strategy {
            Strategy::Trader | Strategy::CarefulTrader => 300,
            _ => 150,
        };
        let room = lv.carry_kg.saturating_sub(s.stock.iter().sum::<u32>()) as i64;
        // Her trade moves both prices as it goes: past margin × depth / 200 kg, each
        // further kilo earns less than it costs.
        let best = plan.margin * s.world.depth[plan.good as usize] / 200;
        let mut qty = (budget / price.max(1)).clamp(0, limit.min(room).min(best)) as u32;
        // The price rises as she buys: a little less than the quote would buy.
        let at = plan.buy_at as usize;
        while qty > 0
            && s.trade_total(plan.good as usize, at, qty, false)
                .is_none_or(|won| won > budget)
        {
            qty = qty * 9 / 10;
        }
        if qty == 0 {
            self.trips = cap;
            return Action::EndDay;
        }
        Action::Buy {
            good: plan.good,
            qty,
            currency: Currency::Won,
        }
    }

    /// Waits until the market opens (or half an hour, if it is already past closing).
    pub(super) fn wait_for_market(s: &GameState) -> Action {
        let minutes = MARKET_OPEN.saturating_sub(s.minute);
        Action::Wait {
            minutes: if minutes == 0 { 30 } else { minutes.min(240) },
        }
    }

    pub(super) fn bribe_offer(&self, s: &GameState, factor_permille: i64) -> Option<Action> {
        let insp = s.inspection.as_ref()?;
        let spec = &s.lv().inspectors[insp.inspector as usize];
        let need = bribe_needed(s) * factor_permille / 1000;
        for &c in &spec.currencies {
            let rate = s.to_won(c, 1);
            let amount = (need + rate - 1) / rate;
            if amount > 0 && s.wallet.get(c) >= amount {
                return Some(Action::Bribe {
                    currency: c,
                    amount,
                });
            }
        }
        None
    }

    pub(super) fn respond(&mut self, s: &GameState) -> Action {
        let insp = s.inspection.as_ref().expect("responding to an inspection");
        let spec = &s.lv().inspectors[insp.inspector as usize];
        let searched = insp.stage == Stage::Searched;
        let wants_money = searched && (insp.severity > 0 || insp.offers > 0);
        let try_bribe = |bot: &mut Bot, factor| {
            if bot.offered {
                return None;
            }
            bot.offered = true;
            bot.bribe_offer(s, factor)
        };
        match self.strategy {
            Strategy::Cautious | Strategy::CarefulTrader | Strategy::Idle => {
                let futile = insp.during_campaign && spec.refuses_in_campaign;
                if wants_money && !futile {
                    try_bribe(self, 1000).unwrap_or(Action::HandOver)
                } else {
                    Action::HandOver
                }
            }
            Strategy::Trader => {
                if !insp.talked && !searched {
                    Action::Talk
                } else if wants_money {
                    try_bribe(self, 1000).unwrap_or(Action::HandOver)
                } else {
                    Action::HandOver
                }
            }
            Strategy::Sentimental => {
                if wants_money {
                    if let Some(b) = try_bribe(self, 1000) {
                        return b;
                    }
                    if !insp.talked {
                        return Action::Talk;
                    }
                }
                Action::HandOver
            }
            Strategy::Careless => {
                if !searched && roll(&mut self.rng, 10) == 0 {
                    Action::Refuse
                } else {
                    Action::HandOver
                }
            }
            Strategy::Random => match roll(&mut self.rng, 5) {
                0 => Action::Talk,
                1 => Action::Refuse,
                2 => Action::Bribe {
                    currency: CURRENCIES[roll(&mut self.rng, 3) as usize],
                    amount: 1 + roll(&mut self.rng, 200_000) as i64,
                },
                _ => Action::HandOver,
            },
        }
    }

    pub(super) fn random_action(&mut self, s: &GameState) -> Action {
        let w = &s.world;
        let r = &mut self.rng;
        let item = if s.phone.items.is_empty() {
            0
        } else {
            s.phone.items[roll(r, s.phone.items.len() as u32) as usize].id
        };
        let good = roll(r, w.n_goods as u32) as u16;
        let cur = CURRENCIES[roll(r, 3) as usize];
        match roll(r, 24) {
            0..=4 => {
                let n = &w.adj[s.place as usize];
                Action::Travel {
                    to: n[roll(r, n.len() as u32) as usize].0,
                }
            }
            5 | 6 => Action::Buy {
                good,
                qty: 1 + roll(r, 60),
                currency: cur,
            },
            7 | 8 => Action::Sell {
                good,
                qty: 1 + roll(r, 60),
                currency: cur,
            },
            9 => Action::Call { contact: item },
            10 => Action::Delete { item },
            11 => Action::Forward { item },
            12 => Action::Keep { item },
            13 => Action::MoveToSd { item },
            14 => Action::Rename {
                item,
                name: if roll(r, 2) == 0 {
                    "철 오빠".into()
                } else {
                    "Comrade Ri".into()
                },
            },
            15 => Action::RepairWipe,
            16 => Action::Exchange {
                from: cur,
                to: CURRENCIES[roll(r, 3) as usize],
                amount: 1 + roll(r, 50_000) as i64,
            },
            17 => Action::BuyPhone { currency: cur },
            18 => Action::Wait {
                minutes: 10 + roll(r, 60) as u16,
            },
            19 => Action::Borrow {
                won: 10_000 * (1 + roll(r, 20) as i64),
            },
            20 => Action::Repay {
                won: 10_000 * (1 + roll(r, 20) as i64),
            },
            21 => Action::Meet {
                request: roll(r, 4) as u16,
            },
            22 => Action::SetMeals {
                meals: Meals {
                    grain: [Grain::Rice, Grain::Corn, Grain::Porridge][roll(r, 3) as usize],
                    count: 2 + roll(r, 2) as u8,
                },
            },
            _ => Action::EndDay,
        }
    }
}
