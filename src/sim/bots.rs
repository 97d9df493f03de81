//! The simulator's players. Each reads only what a player could see (the state, the
//! level's map and the learnable bribe rule) and answers with one action at a time.

use crate::rules::*;
use rand::SeedableRng;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Strategy {
    /// Deletes every risky item every morning (friends with a heart or an "oppa" too, and
    /// their tips with them), never forwards, pays the repair stall to wipe the log.
    Cautious,
    /// Maximises trade: calls for prices, keeps business contacts made to look harmless,
    /// forwards news that brings a deal, deletes the rest, wipes the log too.
    Trader,
    /// Keeps family photos and messages whatever they risk, and borrows rather than refuse
    /// the family what it asks for.
    Sentimental,
    /// Never cleans the phone, forwards everything, never pays.
    Careless,
    /// Random actions, valid or not.
    Random,
    /// Only feeds the family: never trades, never cleans the phone; borrows once after the
    /// family first goes hungry.
    Idle,
    /// Cleans the phone like the cautious one, trades like the trader.
    CarefulTrader,
}

impl Strategy {
    pub const ALL: [Strategy; 7] = [
        Strategy::Cautious,
        Strategy::Trader,
        Strategy::Sentimental,
        Strategy::Careless,
        Strategy::Random,
        Strategy::Idle,
        Strategy::CarefulTrader,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Strategy::Cautious => "cautious",
            Strategy::Trader => "trader",
            Strategy::Sentimental => "sentimental",
            Strategy::Careless => "careless",
            Strategy::Random => "random",
            Strategy::Idle => "idle",
            Strategy::CarefulTrader => "careful-trader",
        }
    }

    pub fn parse(s: &str) -> Option<Strategy> {
        Strategy::ALL.into_iter().find(|x| x.name() == s)
    }
}

#[derive(Clone, Copy, Debug)]
struct Plan {
    good: u16,
    buy_at: u16,
    sell_at: u16,
    /// Expected margin, per thousand won invested.
    margin: i64,
}

pub struct Bot {
    pub strategy: Strategy,
    rng: Rng,
    day: u16,
    housekept: bool,
    /// Where today's housekeeping scans resume: items before them are already decided.
    info_from: usize,
    flag_from: usize,
    calls_done: usize,
    trips: u8,
    /// Today's plan, once chosen (None inside: nothing worth trading).
    plan: Option<Option<Plan>>,
    offered: bool,
    /// Today's household choices are made.
    home_done: bool,
    /// What she owned on the first morning (won): the capital the traders keep whole.
    capital: Option<i64>,
}

/// The share of her first morning's worth (per mille) a trader keeps whole before the table.
const KEEP: i64 = 900;

fn roll(rng: &mut Rng, n: u32) -> u32 {
    use rand::Rng as _;
    (rng.next_u64() % n.max(1) as u64) as u32
}

impl Bot {
    pub fn new(strategy: Strategy, seed: u64) -> Bot {
        Bot {
            strategy,
            rng: Rng::seed_from_u64(seed),
            day: u16::MAX,
            housekept: false,
            info_from: 0,
            flag_from: 0,
            calls_done: 0,
            trips: 0,
            plan: None,
            offered: false,
            home_done: false,
            capital: None,
        }
    }

    pub fn next(&mut self, s: &GameState) -> Action {
        if s.last_evening {
            // The last evening: what the family asks for, as on any morning, then bed.
            return self.request(s).unwrap_or(Action::EndDay);
        }
        if s.inspection.is_none() {
            self.offered = false;
        } else {
            return self.respond(s);
        }
        if s.day != self.day {
            self.day = s.day;
            self.housekept = false;
            self.info_from = 0;
            self.flag_from = 0;
            self.calls_done = 0;
            self.trips = 0;
            self.plan = None;
            self.home_done = false;
        }
        if self.strategy == Strategy::Random {
            return self.random_action(s);
        }
        if !self.home_done {
            if let Some(a) = self.household(s) {
                return a;
            }
            self.home_done = true;
        }
        if self.strategy == Strategy::Idle {
            // As families do once they have gone to bed hungry: one loan, from the market's
            // lenders, with nothing to repay it from.
            let lv = s.lv();
            let broke = s.record.hungry_days > 0
                && s.cash_won() < 2 * Self::day_cost(s)
                && s.record.loans == 0;
            if broke && let Some(m) = lv.places.iter().position(|p| p.changer) {
                let m = m as u16;
                if s.place != m {
                    return Action::Travel { to: m };
                }
                return Action::Borrow {
                    won: lv.household.loan_max_won / 3,
                };
            }
            return Action::EndDay;
        }
        if s.phone.present && !self.housekept {
            if let Some(a) = self.housekeeping(s) {
                return a;
            }
            self.housekept = true;
        }
        if let Some(a) = self.calls(s) {
            return a;
        }
        if let Some(a) = self.errands(s) {
            return a;
        }
        self.trade(s)
    }

    fn housekeeping(&mut self, s: &GameState) -> Option<Action> {
        let w = &s.world;
        let items = &s.phone.items;
        for (k, it) in items.iter().enumerate().skip(self.info_from) {
            if let Some(ev) = it.pending_info {
                self.info_from = k;
                let spec = &w.specs[it.spec as usize];
                let deal = w.info_deal[ev as usize].is_some();
                return Some(match self.strategy {
                    Strategy::Cautious | Strategy::CarefulTrader => Action::Delete { item: it.id },
                    Strategy::Trader if deal => Action::Forward { item: it.id },
                    // News that brings no deal is only a danger to a trader.
                    Strategy::Trader => Action::Delete { item: it.id },
                    Strategy::Sentimental if spec.relative => Action::Keep { item: it.id },
                    Strategy::Sentimental => Action::Delete { item: it.id },
                    _ => Action::Forward { item: it.id },
                });
            }
        }
        self.info_from = items.len();
        for (k, it) in items.iter().enumerate().skip(self.flag_from) {
            if it.flags == 0 {
                continue;
            }
            self.flag_from = k;
            let spec = &w.specs[it.spec as usize];
            let keep = match self.strategy {
                Strategy::Cautious | Strategy::CarefulTrader => false,
                Strategy::Sentimental => spec.sentimental >= 5,
                // The business stays on the phone, made to look harmless: contacts lose
                // their hearts and "oppa" (below); a risky text with a deal in it stays
                // until the deal's day is done, news goes once forwarded. What stays is
                // the screenshot log.
                Strategy::Trader => {
                    !Self::burned(s)
                        && w.message_of(it.spec).is_some_and(|m| {
                            w.msg_tip[m].is_some() && s.lv().messages[m].day == s.day as u32 + 1
                        })
                }
                _ => true,
            };
            if keep {
                continue;
            }
            // The cautious ones delete a risky contact outright, with his tips and deals;
            // the others make a business contact look harmless and keep him.
            let wipes = matches!(self.strategy, Strategy::Cautious | Strategy::CarefulTrader);
            if it.kind == ItemKind::Contact && spec.business >= 4 && !wipes {
                if it.has(Flag::Heart) {
                    return Some(Action::RemoveHeart { item: it.id });
                }
                if it.has(Flag::Oppa) || it.has(Flag::SouthStyle) {
                    return Some(Action::Rename {
                        item: it.id,
                        name: format!("동지 {}", it.id),
                    });
                }
            }
            return Some(Action::Delete { item: it.id });
        }
        None
    }

    /// Once she has lost something to a search, the trader keeps nothing risky overnight
    /// and has the log wiped as the careful ones do.
    fn burned(s: &GameState) -> bool {
        s.record.items_confiscated > 0 || s.record.caught > 0
    }

    fn calls(&mut self, s: &GameState) -> Option<Action> {
        if !s.phone.present || s.minute > 12 * 60 {
            return None;
        }
        let wanted = match self.strategy {
            Strategy::Trader | Strategy::CarefulTrader => 4,
            Strategy::Sentimental | Strategy::Careless => 2,
            _ => 1,
        };
        if s.phone.credit < s.lv().costs.call_won || self.calls_done >= wanted {
            return None;
        }
        let w = &s.world;
        let Some(contact) = s
            .phone
            .items
            .iter()
            .filter(|i| i.kind == ItemKind::Contact && w.spec_knows[i.spec as usize].is_some())
            .nth(self.calls_done)
        else {
            // Fewer contacts who know prices than calls wanted: done for today.
            self.calls_done = wanted;
            return None;
        };
        self.calls_done += 1;
        Some(Action::Call {
            contact: contact.id,
        })
    }

    /// What a day of the household costs on the plain plan (three meals of corn), won.
    fn day_cost(s: &GameState) -> i64 {
        let lv = s.lv();
        let h = &lv.household;
        let corn = s.world.grain_for(Grain::Corn)[0] as usize;
        lv.family.grain_kg_per_day as i64 * s.base[corn]
            + h.fuel_won
            + h.levy_won_per_month / 30
            + h.school_won_per_month * h.pupils as i64 / 30
            + lv.costs.phone_topup_won
    }

    /// The morning's household choices: how the family eats by what the money will bear
    /// to the end of the level, the husband's work, the family's requests.
    fn household(&mut self, s: &GameState) -> Option<Action> {
        // As a family counts: days of money in hand, not days to the end of the level.
        let day = Self::day_cost(s);
        let need = 3 * day;
        let capital = *self.capital.get_or_insert(s.net_worth());
        let cash = s.cash_won() - s.home.debt();
        let worth = match self.strategy {
            // A trader feeds the family from what the trade brings, not from her stock in
            // trade: below nine tenths of what she started with, the table is cut until the
            // business has made it back (a bribe, a fine or a lost phone is eaten here).
            Strategy::Cautious | Strategy::Trader | Strategy::CarefulTrader => {
                cash.min(s.net_worth() - s.home.debt() - capital * KEEP / 1000 + need)
            }
            // A family with no income stretches what it has over twelve days or so.
            Strategy::Idle => cash * 3 / 12,
            _ => cash,
        };
        let hunger = s.home.hunger + 1;
        let sick_at = s.lv().household.sick_at;
        // (The idle family learns it only once a child has been ill.)
        let careful = self.strategy != Strategy::Idle || s.record.illnesses > 0;
        let meals = if worth > 4 * need || self.strategy == Strategy::Sentimental && worth > need {
            Meals {
                grain: Grain::Rice,
                count: 3,
            }
        } else if worth > need || careful && hunger + 1 >= sick_at && cash > need / 3 {
            // (One more meagre evening and a child falls ill: a careful family eats properly
            // tonight if the day's money allows, and cuts again tomorrow.)
            Meals::default()
        } else if worth > need * 3 / 5 || careful && hunger + 2 >= sick_at {
            // (Porridge again would make the child ill, and medicine costs more than the
            // corn it saves: a careful family serves two meals instead.)
            Meals {
                grain: Grain::Corn,
                count: 2,
            }
        } else {
            Meals {
                grain: Grain::Porridge,
                count: 2,
            }
        };
        if s.home.meals != meals {
            return Some(Action::SetMeals { meals });
        }
        // Day labour pays more than a wage that is mostly not paid: all but the idle one
        // send the husband out.
        let labour = self.strategy != Strategy::Idle;
        if s.home.eight_three != labour {
            return Some(Action::SetWork {
                eight_three: labour,
            });
        }
        self.request(s)
    }

    /// A family request the bot would meet now, if any.
    fn request(&self, s: &GameState) -> Option<Action> {
        let lv = s.lv();
        let need = 3 * Self::day_cost(s);
        let worth = s.cash_won() - s.home.debt();
        for &r in &s.home.open {
            let won = lv.household.requests[r as usize].won;
            let spare = worth - need;
            let keen = match self.strategy {
                Strategy::Sentimental => s.cash_won() > won,
                Strategy::Careless => false,
                _ => spare > 2 * won,
            };
            if keen {
                return Some(Action::Meet { request: r });
            }
        }
        None
    }

    /// Reserve kept back from trade: two days of food, the top-up and a stall fee.
    fn reserve(s: &GameState) -> i64 {
        let lv = s.lv();
        let grain = s.world.grain[0] as usize;
        2 * lv.family.grain_kg_per_day as i64 * s.base[grain]
            + lv.costs.phone_topup_won
            + lv.costs.stall_fee_won
    }

    fn errands(&mut self, s: &GameState) -> Option<Action> {
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
    fn expectation(s: &GameState, place: usize, good: usize) -> Option<i64> {
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
    fn choose_plan(s: &GameState) -> Option<Plan> {
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

    fn trade(&mut self, s: &GameState) -> Action {
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
    fn wait_for_market(s: &GameState) -> Action {
        let minutes = MARKET_OPEN.saturating_sub(s.minute);
        Action::Wait {
            minutes: if minutes == 0 { 30 } else { minutes.min(240) },
        }
    }

    fn bribe_offer(&self, s: &GameState, factor_permille: i64) -> Option<Action> {
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

    fn respond(&mut self, s: &GameState) -> Action {
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

    fn random_action(&mut self, s: &GameState) -> Action {
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
