//! Inspections: who stops her, the search, her answers and the verdict.

use super::*;

/// A stop at `place`. `first`: the level's first stop, which the street team makes where it
/// walks (the Youth League's, where the level has one there): the stop that teaches what a
/// search is, not yet the worst of them.
pub(super) fn start_inspection(
    s: &mut GameState,
    place: u16,
    first: bool,
    rng: &mut Rng,
    ev: &mut Events,
) {
    let w = s.world.clone();
    let lv = w.lv();
    let campaign = campaign_today(s);
    let mut weights: Vec<u32> = (0..lv.inspectors.len())
        .map(|i| {
            let here = &w.inspector_places[i];
            if !here.is_empty() && !here.contains(&place) {
                return 0;
            }
            let boost = campaign.is_some_and(|c| w.campaign_inspectors[c].contains(&(i as u16)));
            lv.inspectors[i].weight * if boost { 4 } else { 1 }
        })
        .collect();
    let street_team = |i: usize| lv.inspectors[i].kind == crate::rules::InspectorKind::YouthLeague;
    if first && (0..weights.len()).any(|i| street_team(i) && weights[i] > 0) {
        for (i, wt) in weights.iter_mut().enumerate() {
            if !street_team(i) {
                *wt = 0;
            }
        }
    }
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
    s.inspection = Some(Inspection::new(inspector, place, campaign.is_some()));
    ev.push(Event::Stopped { inspector, place });
}

pub(super) fn spec_of(s: &GameState) -> &crate::rules::scenario::InspectorSpec {
    let i = s.inspection.as_ref().map_or(0, |i| i.inspector);
    &s.world.lv().inspectors[i as usize]
}

/// The inspector's description, held apart from the state so that the state can change.
pub(super) fn spec_arc(s: &GameState) -> (Arc<World>, usize) {
    (
        s.world.clone(),
        s.inspection.as_ref().map_or(0, |i| i.inspector as usize),
    )
}

/// The inspector browses the phone in their own order [97][100]; each step is looked at
/// with their thoroughness (`full`: the password was cracked, everything is read).
pub(super) fn search(s: &mut GameState, bonus: u32, full: bool, rng: &mut Rng, ev: &mut Events) {
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

pub(super) fn insp(s: &GameState) -> &Inspection {
    s.inspection.as_ref().expect("in an inspection")
}

pub(super) fn hand_over(s: &mut GameState, rng: &mut Rng, ev: &mut Events) -> Out {
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

pub(super) fn talk(s: &mut GameState, rng: &mut Rng, ev: &mut Events) -> Out {
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
    ev.push(Event::Excuse {
        accepted: ok,
        searched: stage == Stage::Searched,
    });
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
///
/// Before the search they price what they expect, not what they saw: half again their
/// minimum, and a tenth of the goods she carries (the sacks are in plain sight). An offer
/// below that tells them there is something to find, and they look harder (`bribe`).
pub fn bribe_needed(s: &GameState) -> i64 {
    let i = insp(s);
    let base = spec_of(s).bribe_min_won;
    if i.stage == Stage::Stopped && !i.refused {
        return base * 3 / 2 + s.stock_worth() / 10;
    }
    let mult = match i.severity {
        0 => 1,
        1 => 2,
        2 => 4,
        3 => 8,
        _ => 25,
    };
    base * mult * if i.refused { 2 } else { 1 }
}

pub(super) fn bribe(
    s: &mut GameState,
    c: Currency,
    amount: i64,
    rng: &mut Rng,
    ev: &mut Events,
) -> Out {
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
        if insp(s).severity >= 1 {
            // Paid off, but the evidence goes: they make her delete it on the spot. The
            // money buys off the record (no caught, no ladder), not what they saw.
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
    } else if st.stage == Stage::Stopped {
        // Too little before the search: now they want to know what she is paying to hide.
        search(s, 200, false, rng, ev);
        if offers >= MAX_OFFERS {
            conclude(s, rng, ev);
        }
    } else if offers >= MAX_OFFERS {
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

/// Refused offers a team hears before it ends the stop on its own terms.
pub const MAX_OFFERS: u8 = 3;

pub(super) fn refuse(s: &mut GameState, rng: &mut Rng, ev: &mut Events) -> Out {
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

/// What they make her delete: what they found, and what the screenshot log showed that is
/// still on the phone: the item on screen, and for a message, the contact it came from
/// ("Who is this? Delete him."). The log itself is the state's and stays [93].
pub(super) fn remove_found(s: &mut GameState, ev: &mut Events) -> u32 {
    let i = insp(s);
    let mut found = i.found_items.clone();
    let w = s.world.clone();
    for &k in &i.found_shots {
        let Some(sh) = s.phone.trace.get(k as usize) else {
            continue;
        };
        found.push(sh.item);
        if let Some(m) = w.message_of(sh.spec) {
            let from = w.msg_from[m];
            found.extend(
                s.phone
                    .items
                    .iter()
                    .filter(|it| it.spec == from && !w.specs[from as usize].relative)
                    .map(|it| it.id),
            );
        }
    }
    let before = s.phone.items.len();
    s.phone.items.retain(|it| !found.contains(&it.id));
    let n = (before - s.phone.items.len()) as u32;
    if n > 0 {
        s.record.items_confiscated += n;
        ev.push(Event::ItemsConfiscated { count: n });
    }
    n
}

pub(super) fn release(s: &mut GameState, rng: &mut Rng, ev: &mut Events) {
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
pub(super) struct Verdict {
    severity: u8,
    refused: bool,
    offers: u8,
    ladder_bonus: i8,
}

/// The step of the ladder a finding earns: by its gravity, one up for a third time caught,
/// softened by an excuse, at least confiscation for a refusal. Arrest is for a law case
/// (foreign media found a second time, or on a phone she refused to hand over: the 2020 law
/// [118]); lesser findings stop at the criticism session however often they recur.
fn ladder(i: &Verdict, caught_before: u32) -> Consequence {
    let mut step: i32 = match i.severity {
        0 => 2,
        1 => 1,
        2 => 2,
        3 => 4,
        _ => 5,
    };
    if i.severity > 0 && caught_before >= 2 {
        step += 1;
    }
    step += i.ladder_bonus as i32;
    if i.refused {
        step = step.max(2);
    }
    // A first finding of foreign media costs the phone and a criticism session (reported
    // practice is confiscation and a 1,000–3,000 RMB fine, or 1–6 months' labour [111]);
    // found again, or on a phone she would not hand over, it is a case under the 2020 law:
    // arrest [118].
    let law_case = i.severity >= 4 && (caught_before >= 1 || i.refused);
    let step = step.clamp(0, if law_case { 5 } else { 4 });
    [
        Consequence::Warning,
        Consequence::ForcedDeletion,
        Consequence::Confiscation,
        Consequence::Fine,
        Consequence::CriticismSession,
        Consequence::Arrest,
    ][step as usize]
}

/// What accepting now would bring, as the rules stand (None: nothing found, she walks).
pub fn at_stake(s: &GameState) -> Option<Consequence> {
    let i = s.inspection.as_ref()?;
    let v = Verdict {
        severity: i.severity,
        refused: i.refused,
        offers: i.offers,
        ladder_bonus: i.ladder_bonus,
    };
    (i.severity > 0 || i.refused).then(|| ladder(&v, s.record.caught))
}

pub(super) fn conclude(s: &mut GameState, rng: &mut Rng, ev: &mut Events) {
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
    let c = ladder(&i, s.record.caught);
    let step = c as u32;
    if i.severity > 0 {
        s.record.caught += 1;
    }
    ev.push(Event::Consequence(c));
    s.heat += 20 * (step + 1);
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
        // Her price notes were on the phone.
        s.notebook.fill(None);
        s.phone.flagged_shots = 0;
        s.phone.sd_hidden = false;
    }
    let mut criticism = c == Consequence::CriticismSession;
    if c == Consequence::Fine {
        // A fine on the scale of a grave finding's bribe: 1,000–3,000 yuan [111].
        let fine = spec.bribe_min_won * 25;
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
pub(super) fn pay_won(s: &mut GameState, won: i64) -> i64 {
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
