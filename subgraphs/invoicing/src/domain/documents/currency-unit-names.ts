/** A unit's name for one and for any other count ("penny", "pence"). */
export interface UnitName {
  one: string;
  many: string;
}

/** What an amount of a currency is called in words; `minor` is absent for currencies without a minor unit in use. */
export interface CurrencyUnitNames {
  major: UnitName;
  minor?: UnitName;
}

const unit = (one: string, many: string = `${one}s`): UnitName => ({ one, many });
const names = (major: UnitName, minor?: UnitName): CurrencyUnitNames => (minor ? { major, minor } : { major });

const dollar = names(unit("dollar"), unit("cent"));

/**
 * English names of the major and minor units of the usual settlement currencies. The names are plain ASCII
 * ("kurus", "ore", "zloty") so that the standard PDF fonts can draw them. The minor unit is the one that makes up
 * the currency's ISO 4217 minor digits (JOD, BHD, KWD: fils, a thousandth of a dinar).
 */
export const CURRENCY_UNIT_NAMES: Readonly<Record<string, CurrencyUnitNames>> = {
  USD: dollar,
  EUR: names(unit("euro"), unit("cent")),
  GBP: names(unit("pound"), unit("penny", "pence")),
  INR: names(unit("rupee"), unit("paisa", "paise")),
  JPY: names(unit("yen", "yen")),
  CHF: names(unit("franc"), unit("centime")),
  AUD: dollar,
  CAD: dollar,
  NZD: dollar,
  SGD: dollar,
  HKD: dollar,
  TWD: dollar,
  ZAR: names(unit("rand", "rand"), unit("cent")),
  AED: names(unit("dirham"), unit("fils", "fils")),
  SAR: names(unit("riyal"), unit("halala")),
  QAR: names(unit("riyal"), unit("dirham")),
  BHD: names(unit("dinar"), unit("fils", "fils")),
  KWD: names(unit("dinar"), unit("fils", "fils")),
  JOD: names(unit("dinar"), unit("fils", "fils")),
  OMR: names(unit("rial"), unit("baisa", "baisa")),
  TND: names(unit("dinar"), unit("millime")),
  MAD: names(unit("dirham"), unit("centime")),
  EGP: names(unit("pound"), unit("piastre")),
  ILS: names(unit("shekel"), unit("agora", "agorot")),
  NGN: names(unit("naira", "naira"), unit("kobo", "kobo")),
  GHS: names(unit("cedi"), unit("pesewa")),
  KES: names(unit("shilling"), unit("cent")),
  TZS: names(unit("shilling"), unit("cent")),
  UGX: names(unit("shilling")),
  XOF: names(unit("franc")),
  XAF: names(unit("franc")),
  PKR: names(unit("rupee"), unit("paisa", "paise")),
  BDT: names(unit("taka", "taka"), unit("poisha", "poisha")),
  LKR: names(unit("rupee"), unit("cent")),
  NPR: names(unit("rupee"), unit("paisa", "paise")),
  MYR: names(unit("ringgit", "ringgit"), unit("sen", "sen")),
  IDR: names(unit("rupiah", "rupiah"), unit("sen", "sen")),
  PHP: names(unit("peso"), unit("centavo")),
  THB: names(unit("baht", "baht"), unit("satang", "satang")),
  VND: names(unit("dong", "dong")),
  KRW: names(unit("won", "won")),
  CNY: names(unit("yuan", "yuan"), unit("fen", "fen")),
  BRL: names(unit("real", "reais"), unit("centavo")),
  MXN: names(unit("peso"), unit("centavo")),
  ARS: names(unit("peso"), unit("centavo")),
  CLP: names(unit("peso")),
  COP: names(unit("peso"), unit("centavo")),
  PEN: names(unit("sol", "soles"), unit("centimo")),
  TRY: names(unit("lira", "lira"), unit("kurus", "kurus")),
  PLN: names(unit("zloty", "zlotys"), unit("grosz", "groszy")),
  CZK: names(unit("koruna", "korunas"), unit("haler")),
  HUF: names(unit("forint"), unit("filler", "filler")),
  RON: names(unit("leu", "lei"), unit("ban", "bani")),
  SEK: names(unit("krona", "kronor"), unit("ore", "ore")),
  NOK: names(unit("krone", "kroner"), unit("ore", "ore")),
  DKK: names(unit("krone", "kroner"), unit("ore", "ore")),
  ISK: names(unit("krona", "kronur")),
  RUB: names(unit("ruble"), unit("kopek")),
  UAH: names(unit("hryvnia"), unit("kopiyka", "kopiyky")),
};
