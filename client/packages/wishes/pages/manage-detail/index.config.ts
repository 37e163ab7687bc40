export default definePageConfig({
  navigationBarTitleText: '心愿处理',
  enablePullDownRefresh: true,
})
