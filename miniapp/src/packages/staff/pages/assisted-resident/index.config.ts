export default definePageConfig({
  navigationBarTitleText: '居民帮办',
  enablePullDownRefresh: true,
});
