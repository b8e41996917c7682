export * from './access-catalogue';
export * from './access-catalogue-error';
export { CATALOGUE_FILES, type CatalogueFileName, type CatalogueProblem } from './catalogue-integrity';
export {
  ACCESS_PACKAGE_URN_PREFIX,
  ALTINN2_MAPPING_STATUSES,
  ALTINN2_ROLE_URN_PREFIX,
  type Altinn2MappingStatus,
} from './catalogue-schema';
export * from './load-catalogue';
export * from './lookup-result-schemas';
export * from './migration-deadlines';
export * from './migration-plan';
export * from './migration-plan-schema';
export { foldForMatching } from './close-matches';
