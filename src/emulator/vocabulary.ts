/**
 * Word lists for generated profiles and friend entries: a mix of Latin and CJK text, so that
 * multi-byte UTF-8 values show up in tests the way they do in real apps.
 */

/** Nicknames; some multi-byte. */
export const nicks = [
  'Alice', 'Bob', 'Carol', 'Dave', 'Erin', 'Frank', 'Grace', 'Heidi', 'Ivan', 'Judy', 'Mallory', 'Niaj',
  'Olivia', 'Peggy', 'Rupert', 'Sybil', 'Trent', 'Victor', 'Walter', 'Xiaojun', 'Wei', 'Mei', 'Jun',
  'Hiro', 'Yuki', 'Minji', 'Arjun', 'Priya', 'Budi', 'Siti', 'Lukas', 'Lena', '小明', '阿杰', '晓彤',
  '王芳', '李雷', '韩梅梅', 'ゆい', '민준',
] as const;

/** Family names or suffixes appended to some nicknames. */
export const suffixes = ['', '', '', ' Chen', ' Wang', ' Li', ' Kim', ' Sato', ' Tan', ' Müller', ' Singh', ' 🐼'] as const;

/** Locations, each at most 16 bytes in UTF-8. */
export const locations = ['Shenzhen', 'Beijing', 'Shanghai', 'Singapore', 'Seoul', 'Tokyo', 'Frankfurt', 'Mumbai', 'Jakarta', 'San Jose', '深圳', '上海'] as const;

/** Self signatures. */
export const signatures = ['Busy, text me later', 'Coffee first ☕', 'On vacation until Monday', '今天也要加油', 'Ship it', 'No DMs please'] as const;

/** Values of the custom profile tag `Tag_Profile_Custom_Tier`. */
export const tiers = ['free', 'plus', 'pro', 'team'] as const;

/** Remarks an owner gives a friend. */
export const remarks = ['boss', 'Mom', 'gym buddy', 'old classmate', 'landlord', 'neighbour', '同事', '老同学', 'dentist', 'team lead'] as const;

/** Friend groups; shared frozen arrays, so a million entries do not allocate a million arrays. */
export const groupSets: readonly (readonly string[])[] = Object.freeze(
  [['work'], ['family'], ['friends'], ['classmates'], ['work', 'project-x'], ['climbing', 'friends'], ['同事']].map((groups) => Object.freeze(groups)),
);

/** Add sources, most common first. */
export const addSources = [
  'AddSource_Type_Search',
  'AddSource_Type_QRCode',
  'AddSource_Type_Group',
  'AddSource_Type_Contacts',
  'AddSource_Type_Android',
  'AddSource_Type_iOS',
  'AddSource_Type_Web',
] as const;

/** Friend request wordings. */
export const wordings = ["Hi, it's me", 'We met at the meetup', 'From the project group', '你好，我是同事', 'Add me back?'] as const;
