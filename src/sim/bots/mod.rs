//! The simulator's players. Each reads only what a player could see (the state, the
//! level's map and the learnable bribe rule) and answers with one action at a time.

use crate::rules::*;
use rand::SeedableRng;

mod out;

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
}
