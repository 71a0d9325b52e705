/** The four sub-scores (DOMAIN.md: deelscores), as fields of the score and of a review. */
export const SUB_SCORES = ['deliveryTime', 'productInformation', 'delivery', 'contact'];
/** Each sub-score's ReviewFilter category. */
export const SUB_SCORE_CATEGORIES = { deliveryTime: 'DELIVERY_TIME', productInformation: 'PRODUCT_INFORMATION', delivery: 'DELIVERY', contact: 'CONTACT' };
