//! The phone: items read, deleted, renamed, moved; calls, forwards, the repair stall.

use super::household;
use super::*;

pub(super) fn phone_item(s: &GameState, item: u32) -> Result<usize, Reject> {
    if !s.phone.present {
        return Err(Reject::NoPhone);
    }
    let i = s.item_index(item).ok_or(Reject::NoSuchItem)?;
    // A hidden SD card is out of the phone's reach, and hers, until she shows it again.
    if s.phone.sd_hidden && s.phone.items[i].storage == Storage::Sd {
        return Err(Reject::SdHidden);
    }
    Ok(i)
}

/// Minutes of her time on the phone. In the evening they move the evening's clock (what the
/// phone records then carries it) and, as ever, the next day's: time on the phone at night
/// is taken from the morning (the balance was measured so).
pub(super) fn spend(s: &mut GameState, minutes: u16) {
    if let Some(m) = &mut s.evening {
        *m = (*m + minutes).min(24 * 60 - 1);
    }
    s.minute += minutes;
}

/// Minutes of use: every `screenshot_every_minutes` the phone saves what is on screen [94].
pub(super) fn use_phone(s: &mut GameState, minutes: u32, item: u32, ev: &mut Events) {
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
        let (day, minute) = s.now();
        let shot = Shot {
            day,
            minute,
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

/// A thread shows the name its contact has on the phone (issue 30: a renamed contact was
/// still listed, and found, in its messages under the old name). Renamed, the contact's
/// threads are renamed with it, and the marks that came with the old name go with it: a
/// heart is the name's; "oppa" stays only where the message's own text says it.
pub(super) fn name_thread(s: &mut GameState, k: usize) {
    let spec = s.phone.items[k].spec as usize;
    let Some(from) = s.world.thread_sender.get(spec).copied().flatten() else {
        return;
    };
    let Some(name) = s
        .phone
        .items
        .iter()
        .find(|i| i.spec == from && i.kind == ItemKind::Contact)
        .and_then(|c| c.renamed.clone())
    else {
        return;
    };
    let w = &s.world;
    let sp = &w.specs[spec];
    let said_in_text = contains_oppa(&sp.body.en) || contains_oppa(&sp.body.ko);
    let relative = w.specs[from as usize].relative;
    let mut flags = s.phone.items[k].flags & !(Flag::Heart.bit() | Flag::Oppa.bit());
    if name.ko.contains(['♥', '❤']) || name.en.contains(['♥', '❤']) {
        flags |= Flag::Heart.bit();
    }
    let oppa_named = (contains_oppa(&name.ko) || contains_oppa(&name.en)) && !relative;
    if oppa_named || (w.spec_flags[spec] & Flag::Oppa.bit() != 0 && said_in_text) {
        flags |= Flag::Oppa.bit();
    }
    let it = &mut s.phone.items[k];
    it.flags = flags;
    it.renamed = Some(name);
}

/// After a contact's name changed: its threads on the phone follow ([`name_thread`]).
fn follow_contact(s: &mut GameState, i: usize) {
    if s.phone.items[i].kind != ItemKind::Contact {
        return;
    }
    let spec = s.phone.items[i].spec;
    for k in 0..s.phone.items.len() {
        let t = s.phone.items[k].spec as usize;
        if s.world.thread_sender.get(t).copied().flatten() == Some(spec) {
            name_thread(s, k);
        }
    }
}

pub(super) fn contains_oppa(name: &str) -> bool {
    name.contains("오빠")
        || name
            .as_bytes()
            .windows(4)
            .any(|w| w.eq_ignore_ascii_case(b"oppa"))
}

/// South Korean style words in a name: 자기야 ("honey"), 화이팅 [94][121].
fn south_style(name: &str) -> bool {
    let low = name.to_lowercase();
    ["자기", "화이팅", "jagiya", "hwaiting"]
        .iter()
        .any(|w| name.contains(w) || low.contains(w))
}

pub(super) fn rename(s: &mut GameState, item: u32, name: &str, ev: &mut Events) -> Out {
    let i = phone_item(s, item)?;
    if s.phone.items[i].kind != ItemKind::Contact {
        return Err(Reject::NotAContact);
    }
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 40 {
        return Err(Reject::BadName);
    }
    let now = s.item_name(&s.phone.items[i]);
    if now.en == name || now.ko == name {
        return Err(Reject::SameName);
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
    // A contact's words are its name: the new name carries its own.
    it.flags &= !(Flag::Oppa.bit() | Flag::Heart.bit() | Flag::SouthStyle.bit());
    if contains_oppa(&typed) && !relative {
        it.flags |= Flag::Oppa.bit();
    }
    if south_style(&typed) {
        it.flags |= Flag::SouthStyle.bit();
    }
    if typed.contains('♥') || typed.contains('❤') {
        it.flags |= Flag::Heart.bit();
    }
    it.renamed = Some(Text {
        en: typed.clone(),
        ko: typed,
    });
    follow_contact(s, i);
    use_phone(s, 2, item, ev);
    spend(s, 2);
    if replaced {
        s.record.words_replaced += 1;
        ev.push(Event::WordReplaced { item });
    }
    ev.push(Event::Renamed { item });
    Ok(())
}

pub(super) fn move_item(s: &mut GameState, item: u32, to: Storage, ev: &mut Events) -> Out {
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
    spend(s, 2);
    ev.push(Event::Moved { item });
    auto_delete(s, ev);
    Ok(())
}

/// The phone deletes unsigned foreign files by itself [87] (and on the SD card where
/// the model scans it [92]).
pub(super) fn auto_delete(s: &mut GameState, ev: &mut Events) {
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

pub(super) fn call(s: &mut GameState, contact: u32, ev: &mut Events) -> Out {
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
    spend(s, 5);
    ev.push(Event::Called { contact, place });
    note_prices(s, place, ev);
    Ok(())
}

pub(super) fn forward(s: &mut GameState, item: u32, ev: &mut Events) -> Out {
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
    spend(s, 3);
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

pub(super) fn repair(
    s: &mut GameState,
    convert: Option<u32>,
    rng: &mut Rng,
    ev: &mut Events,
) -> Out {
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
    spend(s, minutes as u16);
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

pub(super) fn read(s: &mut GameState, item: u32, ev: &mut Events) -> Out {
    let i = phone_item(s, item)?;
    s.phone.items[i].read = true;
    // Looking costs a minute of her day; the phone records it all the same.
    use_phone(s, 1, item, ev);
    spend(s, 1);
    Ok(())
}

pub(super) fn delete(s: &mut GameState, item: u32, ev: &mut Events) -> Out {
    phone_item(s, item)?;
    use_phone(s, 1, item, ev);
    let i = phone_item(s, item)?;
    let gone = s.phone.items.remove(i);
    if gone.pending_info.is_some() {
        s.record.news_deleted += 1;
    }
    household::deleted(s, gone.spec, item, ev);
    s.record.deleted += 1;
    spend(s, 1);
    ev.push(Event::Deleted { item });
    Ok(())
}

pub(super) fn remove_heart(s: &mut GameState, item: u32, ev: &mut Events) -> Out {
    let i = phone_item(s, item)?;
    if !s.phone.items[i].has(Flag::Heart) {
        return Err(Reject::NoHeart);
    }
    // The heart goes from the name she sees, too.
    let strip = |t: &str| t.replace(['♥', '❤'], "").trim().to_string();
    let name = s.item_name(&s.phone.items[i]);
    let name = Text {
        en: strip(&name.en),
        ko: strip(&name.ko),
    };
    let it = &mut s.phone.items[i];
    it.flags &= !Flag::Heart.bit();
    it.renamed = Some(name);
    follow_contact(s, i);
    use_phone(s, 1, item, ev);
    spend(s, 1);
    ev.push(Event::HeartRemoved { item });
    Ok(())
}

pub(super) fn hide_sd(s: &mut GameState, hide: bool, ev: &mut Events) -> Out {
    if !s.phone.present {
        return Err(Reject::NoPhone);
    }
    if s.phone.sd_hidden == hide {
        return Err(Reject::AlreadyThere);
    }
    s.phone.sd_hidden = hide;
    spend(s, 5);
    ev.push(Event::SdHidden(hide));
    Ok(())
}

/// News that arrived: she keeps it (and it stays on the phone).
pub(super) fn keep(s: &mut GameState, item: u32, ev: &mut Events) -> Out {
    let i = phone_item(s, item)?;
    if s.phone.items[i].pending_info.take().is_none() {
        return Err(Reject::NothingPending);
    }
    s.phone.items[i].read = true;
    s.record.news_kept += 1;
    use_phone(s, 1, item, ev);
    spend(s, 1);
    ev.push(Event::Kept { item });
    Ok(())
}
