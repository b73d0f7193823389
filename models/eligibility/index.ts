export * from './facts';
export { SOURCES, assessEligibility } from './rules';
export { BODY_FIELD, ELIGIBILITY_REQUEST, parseEligibilityRequest, type EligibilityRequest, type ParseResult } from './validate';
export { LOMBARDY_PROVINCE_CODES, PROVINCES, isKnownProvinceCode, lookupProvince, type ProvinceInfo } from './provinces';
