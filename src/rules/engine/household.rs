//! The household beside the trade: what the family eats, the husband's work, levies and
//! school, a sick child, the family's requests, and private loans.

use super::*;

pub(super) fn set_meals(s: &mut GameState, meals: Meals) -> Out {
    if !(2..=3).contains(&meals.count) {
        return Err(Reject::BadAmount);
    }
    if s.home.meals == meals {
        return Err(Reject::AlreadyThere);
    }
    s.home.meals = meals;
    Ok(())
}

pub(super) fn set_work(s: &mut GameState, eight_three: bool) -> Out {
    if s.home.eight_three == eight_three {
        return Err(Reject::AlreadyThere);
    }
    s.home.eight_three = eight_three;
    Ok(())
}

/// Lenders are found where money changes hands: at a market with a money changer.
pub(super) fn borrow(s: &mut GameState, won: i64, ev: &mut Events) -> Out {
    let lv = s.world.clone();
    let lv = lv.lv();
    if !lv.places[s.place as usize].changer {
        return Err(Reject::NoLender);
    }
    let h = &lv.household;
    if won <= 0 {
        return Err(Reject::BadAmount);
    }
    if s.home.debt() + won > h.loan_max_won {
        return Err(Reject::TooMuchDebt);
    }
    s.wallet.won += won;
    s.home.loans.push(Loan {
        owed: won,
        due: s.day + h.loan_days as u16,
    });
    s.record.loans += 1;
    s.minute += 10;
    ev.push(Event::Borrowed { won });
    Ok(())
}

pub(super) fn repay(s: &mut GameState, won: i64, ev: &mut Events) -> Out {
    if s.home.debt() == 0 {
        return Err(Reject::NothingOwed);
    }
    if won <= 0 {
        return Err(Reject::BadAmount);
    }
    let pay = won.min(s.home.debt());
    if s.wallet.won < pay {
        return Err(Reject::NotEnoughMoney);
    }
    s.wallet.won -= pay;
    pay_loans(s, pay);
    ev.push(Event::Repaid { won: pay });
    Ok(())
}

/// Pays loans, oldest first.
fn pay_loans(s: &mut GameState, mut won: i64) {
    for l in s.home.loans.iter_mut() {
        let p = won.min(l.owed);
        l.owed -= p;
        won -= p;
    }
    s.home.loans.retain(|l| l.owed > 0);
}

pub(super) fn meet(s: &mut GameState, request: u16, ev: &mut Events) -> Out {
    if !s.home.open.contains(&request) {
        return Err(Reject::NotOpen);
    }
    let w = s.world.clone();
    let won = w.lv().household.requests[request as usize].won;
    if s.cash_won() < won {
        return Err(Reject::NotEnoughMoney);
    }
    pay_won(s, won);
    s.today.household += won;
    s.home.open.retain(|r| *r != request);
    s.home.met.push(request);
    s.record.requests_met += 1;
    ev.push(Event::RequestMet { request });
    Ok(())
}

/// The morning: the family's requests of the day arrive.
pub(super) fn morning(s: &mut GameState, ev: &mut Events) {
    let w = s.world.clone();
    let today = s.day as u32 + 1;
    for (k, r) in w.lv().household.requests.iter().enumerate() {
        if r.day == today {
            s.home.open.push(k as u16);
            ev.push(Event::RequestArrived { request: k as u16 });
        }
    }
}

/// A deleted family photo or video: the family notices.
pub(super) fn deleted(s: &mut GameState, spec: u16, item: u32, ev: &mut Events) {
    let sp = &s.world.specs[spec as usize];
    if matches!(sp.kind, ItemKind::Photo | ItemKind::Video) && sp.sentimental >= 7 {
        s.record.memories_deleted += 1;
        ev.push(Event::MemoryMissed { item, spec });
    }
}

/// The evening's household: the husband's day, fuel, levies and school, the meal, a sick
/// child, requests past their deadline, and loans (interest; one due and unpaid ends it).
pub(super) fn evening(s: &mut GameState, rng: &mut Rng, ev: &mut Events) {
    let w = s.world.clone();
    let lv = w.lv();
    let h = &lv.household;
    // The husband.
    if s.home.eight_three {
        s.today.household += pay_won(s, h.eight_three_won_per_month / 30);
        if chance(rng, h.day_labour_permille) {
            s.wallet.won += h.day_labour_won;
            s.today.income += h.day_labour_won;
        }
    } else {
        let paid = h.wage_won_per_month * h.wage_paid_permille as i64 / 1000 / 30;
        s.wallet.won += paid;
        s.today.income += paid;
    }
    // Fuel, the neighbourhood unit, school.
    let fixed =
        h.fuel_won + h.levy_won_per_month / 30 + h.school_won_per_month * h.pupils as i64 / 30;
    s.today.household += pay_won(s, fixed.min(s.cash_won()));
    eat(s);
    // A sick child: medicine if she can pay for it, else the child stays home.
    if !s.home.sick && s.home.hunger >= h.sick_at {
        s.home.sick = true;
        s.record.illnesses += 1;
        ev.push(Event::ChildSick);
    }
    if s.home.sick {
        if s.cash_won() >= h.medicine_won + s.to_won(Currency::Usd, 1) {
            s.today.household += pay_won(s, h.medicine_won);
            s.home.sick = false;
            s.home.hunger = s.home.hunger.saturating_sub(2);
            ev.push(Event::ChildBetter);
        } else {
            s.today.sick = true;
            s.today.kept_home = true;
            s.record.school_missed += 1;
        }
    }
    // Requests whose deadline passed.
    let today = s.day as u32 + 1;
    let due: Vec<u16> = s
        .home
        .open
        .iter()
        .copied()
        .filter(|&r| {
            let q = &h.requests[r as usize];
            today >= q.day + q.days
        })
        .collect();
    for r in due {
        s.home.open.retain(|x| *x != r);
        s.home.missed.push(r);
        s.record.requests_missed += 1;
        if h.requests[r as usize].school && !s.today.kept_home {
            s.today.kept_home = true;
            s.record.school_missed += 1;
        }
        ev.push(Event::RequestMissed { request: r });
    }
    // Loans: a month's interest spread over the days; one due and unpaid is the end.
    for l in s.home.loans.iter_mut() {
        l.owed += (l.owed * h.loan_permille_per_month as i64 / 1000 / 30).max(1);
    }
    let overdue: i64 = s
        .home
        .loans
        .iter()
        .filter(|l| l.due <= s.day)
        .map(|l| l.owed)
        .sum();
    if overdue > 0 {
        if s.wallet.won >= overdue {
            s.wallet.won -= overdue;
            pay_loans(s, overdue);
            ev.push(Event::Repaid { won: overdue });
        } else {
            s.today.debt = s.home.debt();
            finish(s, Ending::InDebt, ev);
            return;
        }
    }
    s.today.debt = s.home.debt();
}

/// The meal: the plan if she can pay for it, else porridge, else nothing.
fn eat(s: &mut GameState) {
    let w = s.world.clone();
    let lv = w.lv();
    let plan = s.home.meals;
    let day_kg = lv.family.grain_kg_per_day;
    let tries = [
        plan,
        Meals {
            grain: Grain::Porridge,
            count: 2,
        },
    ];
    for meals in tries {
        let (goods, kg) = match meals.grain {
            // Porridge stretches corn: 40% of the grain.
            Grain::Porridge => (w.grain_for(Grain::Corn), (day_kg * 2).div_ceil(5)),
            Grain::Corn | Grain::Rice => (
                w.grain_for(meals.grain),
                (day_kg * meals.count as u32).div_ceil(3),
            ),
        };
        if let Some(cost) = grain_cost(s, goods, kg) {
            take_grain(s, goods, kg);
            let paid = pay_won(s, cost);
            s.today.food += paid;
            let (meal, hunger) = match (meals.grain, meals.count) {
                (Grain::Rice, 3) => (Meal::Fed, -2),
                (Grain::Corn, 3) => (Meal::Fed, -1),
                // Two thin evenings in a row and the youngest falls ill (`sick_at`).
                (Grain::Porridge, 2) => (Meal::AteLittle, 3),
                _ => (Meal::AteLittle, 2),
            };
            s.today.meal = meal;
            s.today.grain = Some(meals.grain);
            s.home.hunger = (s.home.hunger as i32 + hunger).max(0) as u32;
            if meal == Meal::Fed {
                s.record.evenings_fed += 1;
            } else {
                s.record.evenings_meagre += 1;
                s.record.meals_skipped += 1;
            }
            return;
        }
    }
    s.today.meal = Meal::WentWithout;
    s.today.hungry = true;
    s.record.hungry_days += 1;
    s.record.meals_skipped += 1;
    s.home.hunger += 3;
}

/// What buying the grain beyond the stock costs (None: she cannot pay for it and keep a
/// dollar's worth).
fn grain_cost(s: &GameState, goods: &[u16], kg: u32) -> Option<i64> {
    let date = s.date();
    let mut need = kg;
    for &g in goods {
        need -= need.min(s.stock[g as usize]);
    }
    let cheapest = goods
        .iter()
        .map(|&g| s.world.base_price(g as usize, date))
        .min()?;
    let cost = need as i64 * cheapest;
    (cost == 0 || s.cash_won() >= cost + s.to_won(Currency::Usd, 1)).then_some(cost)
}

fn take_grain(s: &mut GameState, goods: &[u16], kg: u32) {
    let mut need = kg;
    for &g in goods {
        let eat = need.min(s.stock[g as usize]);
        s.stock[g as usize] -= eat;
        need -= eat;
    }
}
