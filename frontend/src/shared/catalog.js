// Codes of the catalogue that every area shows: levels (行使层级) and item types (事项类型).
export const LEVELS = ['PROVINCE', 'CITY_COUNTY', 'TOWNSHIP', 'VILLAGE']
export const ITEM_TYPES = [1, 5, 7, 8, 9, 10, 20]
