/** UserSig (TLSSigAPIv2): generate, decode and verify, in any JavaScript runtime. */
export { genUserSig, userSigFromSecretKey, type GenUserSigOptions } from './gen-user-sig.js';
export { decodeUserSig, type UserSigPayload } from './decode-user-sig.js';
export {
  verifyUserSig,
  type UserSigRejection,
  type UserSigVerification,
  type VerifyUserSigOptions,
} from './verify-user-sig.js';
