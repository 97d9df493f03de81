//! Event lines for the feed, in the player's language.

use crate::rules::*;

fn t(lang: Lang, en: String, ko: String) -> String {
    if lang == Lang::Ko { ko } else { en }
}

pub fn ending(e: Ending, lang: Lang) -> &'static str {
    let (en, ko) = match e {
        Ending::Thriving => ("The business thrives", "장사가 번창했다"),
        Ending::FamilyFed => ("The family was fed", "가족은 굶지 않았다"),
        Ending::FamilyHungry => ("The family went hungry", "가족이 굶었다"),
        Ending::BusinessRuined => ("The business is ruined", "장사가 망했다"),
        Ending::PhoneLost => (
            "The phone is gone, and the business with it",
            "손전화도 장사도 잃었다",
        ),
        Ending::StruggleSession => ("Public criticism sessions", "공개 비판 무대"),
        Ending::Arrested => ("Arrested under the 2020 law", "2020년 법으로 체포되었다"),
    };
    if lang == Lang::Ko { ko } else { en }
}

pub fn event(s: &GameState, e: &Event, lang: Lang) -> Option<String> {
    let lv = s.lv();
    let place = |p: u16| lv.places[p as usize].name.get(lang).to_string();
    let good = |g: u16| lv.goods[g as usize].name.get(lang).to_string();
    let item = |id: u32| {
        s.item(id)
            .map(|i| s.item_name(i).get(lang).to_string())
            .unwrap_or_else(|| "…".into())
    };
    Some(match e {
        Event::Rejected(r) => t(
            lang,
            format!("Not possible: {r:?}"),
            format!("할 수 없다: {r:?}"),
        ),
        Event::DayStarted { day } => t(
            lang,
            format!("— Day {} —", day + 1),
            format!("— {}일째 —", day + 1),
        ),
        Event::MessageArrived { item: i, .. } => t(
            lang,
            format!("New message: {}", item(*i)),
            format!("새 문자: {}", item(*i)),
        ),
        Event::InfoArrived { item: i, .. } => t(
            lang,
            format!("News from {}: forward, keep or delete?", item(*i)),
            format!("{}의 소식: 전달, 보관, 삭제?", item(*i)),
        ),
        Event::Arrived { place: p, minutes } => t(
            lang,
            format!("Walked to {} ({minutes} min)", place(*p)),
            format!("{}에 왔다 ({minutes}분)", place(*p)),
        ),
        Event::Bought {
            good: g,
            qty,
            paid,
            currency,
        } => t(
            lang,
            format!("Bought {qty} kg {} for {paid} {currency:?}", good(*g)),
            format!("{} {qty}kg 샀다 ({paid} {currency:?})", good(*g)),
        ),
        Event::Sold {
            good: g,
            qty,
            got,
            currency,
        } => t(
            lang,
            format!("Sold {qty} kg {} for {got} {currency:?}", good(*g)),
            format!("{} {qty}kg 팔았다 ({got} {currency:?})", good(*g)),
        ),
        Event::ChasedOff { good: g, lost } => t(
            lang,
            format!("Chased off as a grasshopper: lost {lost} kg {}", good(*g)),
            format!("메뚜기 장사로 쫓겨났다: {} {lost}kg 잃음", good(*g)),
        ),
        Event::StallFee { won } => t(
            lang,
            format!("Stall fee ₩{won}"),
            format!("매대 자릿세 ₩{won}"),
        ),
        Event::Called { place: p, .. } => t(
            lang,
            format!("A call: today's prices at {}", place(*p)),
            format!("전화로 {} 오늘 값을 알았다", place(*p)),
        ),
        Event::Deleted { .. } => t(lang, "Deleted.".into(), "삭제했다.".into()),
        Event::WordReplaced { .. } => t(
            lang,
            "The phone replaced \"oppa\" with \"comrade\": \"only for siblings\".".into(),
            "손전화가 '오빠'를 '동지'로 바꿨다: \"친형제에게만 쓰십시오\".".into(),
        ),
        Event::AutoDeleted { .. } => t(
            lang,
            "The phone deleted an unsigned file by itself.".into(),
            "손전화가 서명 없는 파일을 스스로 지웠다.".into(),
        ),
        Event::Screenshot { .. } => t(
            lang,
            "(the phone took a screenshot)".into(),
            "(손전화가 화면을 찍었다)".into(),
        ),
        Event::TraceWiped { shots, won } => t(
            lang,
            format!("The technician wiped {shots} screenshots for ₩{won}"),
            format!("수리공이 화면 기록 {shots}장을 지웠다 (₩{won})"),
        ),
        Event::Informed => t(
            lang,
            "Someone told the authorities about you.".into(),
            "누군가 당국에 알렸다.".into(),
        ),
        Event::Forwarded { .. } => t(lang, "Forwarded.".into(), "전달했다.".into()),
        Event::Stopped {
            inspector,
            place: p,
        } => t(
            lang,
            format!(
                "Stopped at {} by {}",
                place(*p),
                lv.inspectors[*inspector as usize].name.en
            ),
            format!(
                "{}에서 {}에게 걸렸다",
                place(*p),
                lv.inspectors[*inspector as usize].name.ko
            ),
        ),
        Event::Searched { items, shots, .. } => t(
            lang,
            format!(
                "They found {} items and {} screenshots",
                items.len(),
                shots.len()
            ),
            format!(
                "항목 {}개, 화면 기록 {}장을 찾아냈다",
                items.len(),
                shots.len()
            ),
        ),
        Event::PasswordCracked => t(
            lang,
            "They cracked the password.".into(),
            "비밀번호를 풀었다.".into(),
        ),
        Event::BribeAccepted { amount, currency } => t(
            lang,
            format!("They took {amount} {currency:?}"),
            format!("{amount} {currency:?}를 받았다"),
        ),
        Event::BribeRefused { .. } => t(
            lang,
            "They refused the money.".into(),
            "돈을 거절했다.".into(),
        ),
        Event::BribeDemanded { won } => t(
            lang,
            format!("They hint at \"tea money\" (about ₩{won})"),
            format!("'담배값'을 바란다 (약 ₩{won})"),
        ),
        Event::Released => t(lang, "Let go.".into(), "풀려났다.".into()),
        Event::Consequence(c) => t(lang, format!("Consequence: {c:?}"), format!("처벌: {c:?}")),
        Event::Evening { ledger } => t(
            lang,
            format!(
                "Evening: sales ₩{}, purchases ₩{}, food ₩{}, bribes ₩{}{}",
                ledger.sales,
                ledger.purchases,
                ledger.food,
                ledger.bribes,
                if ledger.hungry {
                    " — the family went hungry"
                } else {
                    ""
                }
            ),
            format!(
                "저녁: 판매 ₩{}, 구매 ₩{}, 식량 ₩{}, 뇌물 ₩{}{}",
                ledger.sales,
                ledger.purchases,
                ledger.food,
                ledger.bribes,
                if ledger.hungry {
                    " — 가족이 굶었다"
                } else {
                    ""
                }
            ),
        ),
        Event::Ended(e) => ending(*e, lang).to_string(),
        _ => return None,
    })
}
