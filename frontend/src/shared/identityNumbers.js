// The checks the server makes on registration (backend identity/IdentityNumbers.java and PasswordPolicy.java),
// so that a form can say what is wrong before sending. The server checks again; each function returns the
// stable rule that failed (null when valid), the same rule names as IdentityNumbers.Result.rule.

// GB/T 2260 province codes, plus 83 (台湾居民居住证); as PROVINCES in IdentityNumbers.java.
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
])
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK_CHARS = '10X98765432'
// GB 32100: digits and capitals without I, O, Z, S, V; a character's value is its index.
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
const USCC_AUTHORITIES = '123456789ANY'
const NATIONAL_REGION = '100000'

export const normalize = (number) => (number ?? '').trim().toUpperCase()

export function idCardCheckChar(first17) {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]
  return ID_CHECK_CHARS[sum % 11]
}

function usccCheckChar(first17) {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(first17[i]) * USCC_WEIGHTS[i]
  return USCC_CHARS[(31 - (sum % 31)) % 31]
}

function birthDate(yyyymmdd) {
  const [y, m, d] = [yyyymmdd.slice(0, 4), yyyymmdd.slice(4, 6), yyyymmdd.slice(6, 8)].map(Number)
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? date : null
}

/** A 居民身份证号: LENGTH, CHARSET, REGION, BIRTH_DATE, CHECK_DIGIT or null. */
export function checkIdCard(number, today = new Date()) {
  const n = normalize(number)
  if (n.length !== 18) return 'LENGTH'
  if (!/^\d{17}[\dX]$/.test(n)) return 'CHARSET'
  if (!PROVINCES.has(n.slice(0, 2))) return 'REGION'
  const birth = birthDate(n.slice(6, 14))
  if (!birth || birth.getUTCFullYear() < 1900 || birth > today) return 'BIRTH_DATE'
  if (n[17] !== idCardCheckChar(n)) return 'CHECK_DIGIT'
  return null
}

/** A 统一社会信用代码: LENGTH, CHARSET, AUTHORITY, REGION, CHECK_DIGIT or null. */
export function checkUscc(number) {
  const n = normalize(number)
  if (n.length !== 18) return 'LENGTH'
  if ([...n].some((c) => !USCC_CHARS.includes(c))) return 'CHARSET'
  if (!USCC_AUTHORITIES.includes(n[0])) return 'AUTHORITY'
  const region = n.slice(2, 8)
  if (!/^\d{6}$/.test(region) || !(PROVINCES.has(region.slice(0, 2)) || region === NATIONAL_REGION)) return 'REGION'
  if (n[17] !== usccCheckChar(n)) return 'CHECK_DIGIT'
  return null
}

/** An 11-digit mainland mobile number, as IdentityService.MOBILE. */
export const validMobile = (phone) => /^1[3-9]\d{9}$/.test(phone ?? '')

/** A new password: SHORT, LONG, CLASSES, CONTAINS_USERNAME or null (PasswordPolicy.check). */
export function checkPassword(password, username) {
  const length = [...(password ?? '')].length
  if (length < 8) return 'SHORT'
  if (length > 64) return 'LONG'
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length
  if (classes < 3) return 'CLASSES'
  const name = (username ?? '').trim().toLowerCase()
  if (name && password.toLowerCase().includes(name)) return 'CONTAINS_USERNAME'
  return null
}
