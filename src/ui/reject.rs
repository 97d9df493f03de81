//! Why an action was refused, as an interface string key.

use crate::rules::Reject;

pub fn key(r: Reject) -> &'static str {
    match r {
        Reject::GameOver => "reject.game_over",
        Reject::DaysOver => "reject.days_over",
        Reject::InInspection => "reject.in_inspection",
        Reject::NotInInspection => "reject.not_in_inspection",
        Reject::NoRoute => "reject.no_route",
        Reject::NotTradedHere => "reject.not_traded_here",
        Reject::MarketClosed => "reject.market_closed",
        Reject::NotEnoughMoney => "reject.not_enough_money",
        Reject::NotEnoughStock => "reject.not_enough_stock",
        Reject::BadAmount => "reject.bad_amount",
        Reject::NoChanger => "reject.no_changer",
        Reject::NoPhone => "reject.no_phone",
        Reject::HavePhone => "reject.have_phone",
        Reject::NoSuchItem => "reject.no_such_item",
        Reject::NotAContact => "reject.not_a_contact",
        Reject::NoPriceKnowledge => "reject.no_price_knowledge",
        Reject::NoCredit => "reject.no_credit",
        Reject::NotARepairStall => "reject.not_a_repair_stall",
        Reject::NotForeign => "reject.not_foreign",
        Reject::NothingPending => "reject.nothing_pending",
        Reject::PhotosBlocked => "reject.photos_blocked",
        Reject::SdHidden => "reject.sd_hidden",
        Reject::AlreadyThere => "reject.already_there",
        Reject::AlreadyTalked => "reject.already_talked",
        Reject::TooLate => "reject.too_late",
        Reject::SameName => "reject.same_name",
        Reject::BadName => "reject.bad_name",
        Reject::NoHeart => "reject.no_heart",
        Reject::NotAFile => "reject.not_a_file",
        Reject::SameCurrency => "reject.same_currency",
        Reject::NotAMarket => "reject.not_a_market",
        Reject::TooHeavy => "reject.too_heavy",
        Reject::NoLender => "reject.no_lender",
        Reject::TooMuchDebt => "reject.too_much_debt",
        Reject::NothingOwed => "reject.nothing_owed",
        Reject::NotOpen => "reject.not_open",
    }
}
