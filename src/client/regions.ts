/**
 * The IM REST domains per data-center region, main and backup, from the IM documentation.
 *
 * @example
 * ```ts
 * regions.singapore.main; // 'adminapisgp.im.qcloud.com'
 * ```
 */
export const regions = {
  china: { main: 'console.tim.qq.com', backup: 'adminapi.my-imcloud.com' },
  singapore: { main: 'adminapisgp.im.qcloud.com', backup: 'adminapisgp.my-imcloud.com' },
  seoul: { main: 'adminapikr.im.qcloud.com', backup: 'adminapikr.my-imcloud.com' },
  tokyo: { main: 'adminapijpn.im.qcloud.com', backup: 'adminapijpn.my-imcloud.com' },
  frankfurt: { main: 'adminapiger.im.qcloud.com', backup: 'adminapiger.my-imcloud.com' },
  mumbai: { main: 'adminapiind.im.qcloud.com', backup: 'adminapiind.my-imcloud.com' },
  'silicon-valley': { main: 'adminapiusa.im.qcloud.com', backup: 'adminapiusa.my-imcloud.com' },
  jakarta: { main: 'adminapiidn.im.qcloud.com', backup: 'adminapiidn.my-imcloud.com' },
} as const satisfies Record<string, { main: string; backup: string }>;

/**
 * The region of the app's IM data center, as chosen in the IM console; the client's `region`
 * option.
 *
 * @example
 * ```ts
 * const region: Region = 'frankfurt';
 * const tim = createClient({ sdkAppId: 1400000000, identifier: 'administrator', secretKey, region });
 * ```
 */
export type Region = keyof typeof regions;

/** The region names, for validation and listings. */
export const regionNames = Object.keys(regions) as Region[];
